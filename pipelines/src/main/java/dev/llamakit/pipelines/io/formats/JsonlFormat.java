package dev.llamakit.pipelines.io.formats;

import dev.llamakit.pipelines.io.CorpusFormat;
import dev.llamakit.pipelines.io.CorpusReader;
import dev.llamakit.pipelines.io.JsonlReader;
import dev.llamakit.pipelines.io.ReadOptions;
import java.util.List;

/** JSON Lines, one document per line (cc_net's own shards too); the read step's {@code *_field} options apply. */
public final class JsonlFormat implements CorpusFormat {
  /** No options of its own: the read step's {@code text_field}, {@code id_field} and {@code url_field} apply. */
  public static final class Params {}

  public JsonlFormat(Params p) {}

  @Override
  public List<String> suffixes() {
    return List.of(".jsonl", ".json", ".ndjson");
  }

  @Override
  public CorpusReader reader(ReadOptions options) {
    return (raw, name, segment, fileIndex, sink) -> {
      new JsonlReader(options).read(raw, name, segment, fileIndex, sink);
      return 0;
    };
  }
}
