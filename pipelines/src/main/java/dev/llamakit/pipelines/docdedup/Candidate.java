package dev.llamakit.pipelines.docdedup;

import java.io.Serializable;

/**
 * One member of a duplicate group, as small as the decision needs: where it is in the input, its {@link KeepRule}
 * priority, and its id (for the drop detail of the others).
 */
public record Candidate(long ordinal, long priority, String id) implements Serializable {
  /** True when this candidate is kept in preference to {@code other}: higher priority, then lower ordinal, then id. */
  public boolean beats(Candidate other) {
    if (priority != other.priority) {
      return priority > other.priority;
    }
    if (ordinal != other.ordinal) {
      return ordinal < other.ordinal;
    }
    return id.compareTo(other.id) < 0;
  }
}
