package dev.llamakit.pipelines.docdedup;

import java.util.Arrays;

/**
 * Picks the document to keep in one duplicate group, in a single pass over its members in any order: the winner by
 * {@link Candidate#beats}, and the ordinals of the others. Holds 8 bytes per member (their ordinals) and the winner, so
 * a group of a million copies of one page costs 8 MB on the worker that owns its key.
 *
 * <pre>{@code
 * KeepOne g = new KeepOne();
 * for (Candidate c : group) g.add(c);
 * for (long loser : g.losers()) drop(loser, "duplicate of " + g.winner().id());
 * }</pre>
 */
public final class KeepOne {
  private Candidate winner;
  private long[] ordinals = new long[4];
  private int size;

  public void add(Candidate c) {
    if (size == ordinals.length) {
      ordinals = Arrays.copyOf(ordinals, size * 2);
    }
    ordinals[size++] = c.ordinal();
    if (winner == null || c.beats(winner)) {
      winner = c;
    }
  }

  /** The kept member (null for an empty group). */
  public Candidate winner() {
    return winner;
  }

  public int size() {
    return size;
  }

  /** The ordinals of every member but the winner, in the order added. */
  public long[] losers() {
    if (size <= 1) {
      return new long[0];
    }
    long[] out = new long[size - 1];
    int n = 0;
    boolean skipped = false;
    for (int i = 0; i < size; i++) {
      if (!skipped && ordinals[i] == winner.ordinal()) {
        skipped = true;
      } else {
        out[n++] = ordinals[i];
      }
    }
    return out;
  }
}
