package dev.llamakit.pipelines.doc;

import java.io.Serializable;
import java.util.Objects;

/**
 * A signal value kept as the JSON text it was read as: a nested object, a mixed array, a number too big for a
 * {@code long}, or {@code null} from an input record's field that the pipeline does not know. It rides through every
 * step unparsed (one string, no tree of nodes per document) and is written back verbatim, so a JSONL record's extra
 * fields come out as they went in.
 *
 * @param json one complete JSON value, compact (as Jackson prints a tree)
 */
public record RawJson(String json) implements Serializable {
  public RawJson {
    Objects.requireNonNull(json, "json");
  }

  @Override
  public String toString() {
    return json;
  }
}
