package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import java.util.List;

/**
 * cc_net's rule for turning a WET conversion record's cleaned body lines into a {@link Document}, shared by both WET
 * framings: the first line becomes {@code title} (when {@link ReadOptions#titleFromFirstLine}), the rest joined by
 * {@code "\n"} is {@code raw_content}, {@code source_domain} is the URL's netloc.
 */
final class WetDocuments {
  private WetDocuments() {}

  static Document of(ReadOptions options, String id, long ordinal, String url, String date, String digest,
      long length, List<String> bodyLines, String segment) {
    boolean split = options.titleFromFirstLine() && !bodyLines.isEmpty();
    String title = split ? bodyLines.getFirst() : "";
    List<String> lines = split ? bodyLines.subList(1, bodyLines.size()) : bodyLines;
    return Document.read(id, ordinal, url, date, digest, length, lines.size(), UrlParts.netloc(url), title,
        String.join("\n", lines), segment);
  }
}
