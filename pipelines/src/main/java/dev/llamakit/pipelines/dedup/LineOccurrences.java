package dev.llamakit.pipelines.dedup;

import java.io.Serializable;

/**
 * How many documents contain a line, capped at 2 (only "one" or "several" matters), and the smallest ordinal among
 * them. Merging is associative and commutative, so it runs as a Beam combiner on every worker before the shuffle.
 */
public record LineOccurrences(int documents, long firstOrdinal) implements Serializable {
  public static LineOccurrences of(long ordinal) {
    return new LineOccurrences(1, ordinal);
  }

  public LineOccurrences merge(LineOccurrences o) {
    return new LineOccurrences(Math.min(2, documents + o.documents), Math.min(firstOrdinal, o.firstOrdinal));
  }

  public boolean duplicated() {
    return documents >= 2;
  }
}
