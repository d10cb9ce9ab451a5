package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.WarcReader;
import java.util.List;

/**
 * WARC files of crawled pages ({@code .warc}, {@code .warc.gz}): each HTML {@code response} record becomes a document
 * of its main-content text (see {@link WarcReader}); request, metadata and warcinfo records are counted as metadata.
 */
public final class WarcFormat implements CorpusFormat {
  /** No options of its own. */
  public static final class Params {}

  public WarcFormat(Params p) {}

  @Override
  public List<String> suffixes() {
    return List.of(".warc");
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> new WarcReader(options).read(raw, name, segment, fileIndex, sink)
        .warcinfo();
  }
}
