package dev.llamakit.pipelines.docdedup;

import java.util.Arrays;

/**
 * The start positions of the shingles one document shares with another: a growable int array, sorted and
 * de-duplicated on demand ({@link #compact()}), so merging two sets is appending in any order. 4 bytes a shared
 * shingle position.
 */
public final class StartSet {
  private int[] starts;
  private int size;
  private boolean compact = true;

  public StartSet() {
    this(new int[8], 0);
  }

  private StartSet(int[] starts, int size) {
    this.starts = starts;
    this.size = size;
  }

  /** A set holding these positions. */
  public static StartSet of(int... positions) {
    StartSet s = new StartSet(positions.clone(), positions.length);
    s.compact = false;
    return s;
  }

  public void addAll(int[] positions) {
    ensure(size + positions.length);
    System.arraycopy(positions, 0, starts, size, positions.length);
    size += positions.length;
    compact = false;
  }

  public void addAll(StartSet other) {
    addAll(other.toArray());
  }

  /** Sorts and removes repeats. */
  public StartSet compact() {
    if (!compact) {
      Arrays.sort(starts, 0, size);
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (n == 0 || starts[i] != starts[n - 1]) {
          starts[n++] = starts[i];
        }
      }
      size = n;
      compact = true;
    }
    return this;
  }

  /** The distinct positions, ascending. */
  public int[] toArray() {
    compact();
    return Arrays.copyOf(starts, size);
  }

  public int size() {
    compact();
    return size;
  }

  /**
   * The number of words covered by shingles of {@code n} words starting at these positions: the size of the union of
   * {@code [p, p + n)}.
   */
  public int coveredWords(int n) {
    compact();
    long covered = 0;
    long end = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      long from = Math.max(starts[i], end);
      long to = (long) starts[i] + n;
      if (to > from) {
        covered += to - from;
      }
      end = Math.max(end, to);
    }
    return (int) covered;
  }

  private void ensure(int capacity) {
    if (capacity > starts.length) {
      starts = Arrays.copyOf(starts, Math.max(capacity, starts.length * 2));
    }
  }
}
