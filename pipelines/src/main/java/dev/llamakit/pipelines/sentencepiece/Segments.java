package dev.llamakit.pipelines.sentencepiece;

import java.util.Arrays;

/**
 * An encoder's output for one text: pieces as byte ranges of the normalised text with their ids, in order. Grows as
 * needed; one per call, not shared between threads.
 */
final class Segments {
  private int[] starts;
  private int[] ends;
  private int[] ids;
  private int size;

  Segments(int capacity) {
    int c = Math.max(8, capacity);
    starts = new int[c];
    ends = new int[c];
    ids = new int[c];
  }

  void add(int start, int end, int id) {
    if (size == ids.length) {
      int c = size * 2;
      starts = Arrays.copyOf(starts, c);
      ends = Arrays.copyOf(ends, c);
      ids = Arrays.copyOf(ids, c);
    }
    starts[size] = start;
    ends[size] = end;
    ids[size] = id;
    size++;
  }

  /** Empties the list, keeping its arrays (for reuse by the next text). */
  void clear() {
    size = 0;
  }

  /** Replaces the end of the last segment (merging a run of unknown pieces). */
  void extendLast(int end) {
    ends[size - 1] = end;
  }

  /** Reverses the order (the Viterbi backtrack produces pieces last to first). */
  void reverse() {
    for (int i = 0, j = size - 1; i < j; i++, j--) {
      swap(starts, i, j);
      swap(ends, i, j);
      swap(ids, i, j);
    }
  }

  int size() {
    return size;
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  int id(int i) {
    return ids[i];
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
