package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * Reads Common Crawl WET files ({@code .warc.wet}, {@code .warc.wet.gz}, multi-member gzip) with jwarc and turns each
 * {@code conversion} record into a {@link Document} with cc_net's fields and body rules.
 *
 * <p>cc_net parity: body lines are split with Python's universal newlines, every line is {@code strip()}ped, empty
 * lines are dropped, the first remaining line is the {@code title} (see {@link ReadOptions#titleFromFirstLine}) and
 * the rest, joined by {@code "\n"}, is {@code raw_content}; {@code length} is the record's Content-Length and
 * {@code source_domain} Python's {@code urlparse(url).netloc}. Deliberate differences, for robustness: headers are
 * read by name (cc_net reads them by position and broke when Common Crawl added headers), and a record ends at its
 * Content-Length (cc_net ends it at the next line reading {@code WARC/1.0}, even inside a body). jwarc runs in lenient
 * mode, so files framed with bare {@code \n} line ends (cc_net's own test sample) are read too.
 *
 * <p>Bad records become named drops (or errors under {@link BadRecordPolicy#FAIL}): {@code INVALID_UTF8},
 * {@code NOT_CONVERSION} (warcinfo records are metadata and are not counted as documents), {@code MALFORMED_RECORD},
 * {@code TRUNCATED_RECORD} (the file ends inside a record; reading stops there).
 */
public final class WetReader {
  private final ReadOptions options;

  public WetReader(ReadOptions options) {
    this.options = options;
  }

  /** Counts of what a file held besides documents. */
  public record FileStats(long records, long warcinfo) {}

  /**
   * Reads every record of one WET stream.
   *
   * @param name the file's name, used in record ids ({@code name#index}) and errors
   * @param segment the {@code cc_segment} value (the file's path relative to the crawl, or its name)
   * @param fileIndex the file's position in the run's input list (documents' {@code ordinal} = fileIndex << 40 | record)
   */
  public FileStats read(InputStream in, String name, String segment, long fileIndex, RecordSink sink) throws IOException {
    long index = 0;
    long warcinfo = 0;
    WarcReader reader;
    try {
      reader = new WarcReader(in);
    } catch (IOException e) {
      BadRecords.report(sink, options.onBadRecord(), name + "#0", null, DropReason.TRUNCATED_RECORD,
          "cannot start reading: " + e.getMessage());
      return new FileStats(0, 0);
    }
    reader.setLenient(true); // accept LF-only framing and minor header deviations, as found in real WET files
    reader.onWarning(w -> { });
    try (reader) {
      while (true) {
        String id = name + "#" + index;
        Optional<WarcRecord> next;
        try {
          next = reader.next();
        } catch (IOException | RuntimeException e) {
          BadRecords.report(sink, options.onBadRecord(), id, null, classify(e), describe(e));
          return new FileStats(index + 1, warcinfo);
        }
        if (next.isEmpty()) {
          return new FileStats(index, warcinfo);
        }
        WarcRecord record = next.get();
        index++;
        if ("warcinfo".equals(record.type())) {
          warcinfo++;
          continue;
        }
        String url = record.headers().first("WARC-Target-URI").orElse(null);
        if (!"conversion".equals(record.type())) {
          BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.NOT_CONVERSION,
              "WARC-Type " + record.type() + " (a WET file holds conversion records)");
          continue;
        }
        byte[] body;
        try {
          body = record.body().stream().readAllBytes();
        } catch (IOException | RuntimeException e) {
          BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.TRUNCATED_RECORD, describe(e));
          return new FileStats(index, warcinfo);
        }
        if (url == null || url.isBlank()) {
          BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.MALFORMED_RECORD,
              "missing WARC-Target-URI header");
          continue;
        }
        long declared = record.headers().first("Content-Length").map(Long::parseLong).orElse(-1L);
        if (declared >= 0 && body.length < declared) {
          BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.TRUNCATED_RECORD,
              "body has " + body.length + " of " + declared + " bytes");
          return new FileStats(index, warcinfo);
        }
        String text = Utf8.decodeOrNull(body, 0, body.length);
        if (text == null) {
          BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.INVALID_UTF8,
              "the body is not valid UTF-8");
          continue;
        }
        sink.document(toDocument(id, (fileIndex << 40) | index, url, record, declared, text, segment));
      }
    }
  }

  private Document toDocument(String id, long ordinal, String url, WarcRecord r, long length, String text, String segment) {
    return WetDocuments.of(options, id, ordinal, url, r.headers().first("WARC-Date").orElse(null),
        r.headers().first("WARC-Block-Digest").orElse(null), length, bodyLines(text), segment);
  }

  /** cc_net's body lines: universal newlines, each line Python-{@code strip()}ped, empty lines dropped. */
  static List<String> bodyLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : '\n';
      if (c == '\n' || c == '\r') {
        String line = PyText.strip(text.substring(start, i));
        if (!line.isEmpty()) {
          out.add(line);
        }
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return out;
  }

  private static DropReason classify(Exception e) {
    String m = String.valueOf(e.getMessage()).toLowerCase();
    return e instanceof java.io.EOFException || m.contains("end of") || m.contains("eof") || m.contains("truncat")
        ? DropReason.TRUNCATED_RECORD : DropReason.MALFORMED_RECORD;
  }

  private static String describe(Exception e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
