package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.io.CcNetLineWetReader;
import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.ReadOptions;
import dev.llamakit.pipelines.io.WetReader;
import java.util.List;

/**
 * Common Crawl's WET files (WARC {@code conversion} records of extracted text), framed by Content-Length or, with
 * the read step's {@code wet_framing: ccnet-lines}, by {@code WARC/1.0} lines as cc_net reads them.
 */
public final class WetFormat implements CorpusFormat {
  /** No options of its own: the read step's {@code title} and {@code wet_framing} apply. */
  public static final class Params {}

  public WetFormat(Params p) {}

  @Override
  public List<String> suffixes() {
    return List.of(".wet", ".warc.wet.txt");
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> (options.ccNetLineFraming()
        ? new CcNetLineWetReader(options).read(raw, name, segment, fileIndex, sink)
        : new WetReader(options).read(raw, name, segment, fileIndex, sink)).warcinfo();
  }
}
