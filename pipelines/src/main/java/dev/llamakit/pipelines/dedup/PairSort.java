package dev.llamakit.pipelines.dedup;

/**
 * Sorts two parallel {@code long} arrays by the first, in place, without boxing (an index may hold hundreds of
 * millions of lines). Not stable; equal keys keep their values paired.
 */
final class PairSort {
  private PairSort() {}

  /** Sorts {@code keys} ascending and moves {@code values} with them. */
  static void sort(long[] keys, long[] values) {
    if (keys.length != values.length) {
      throw new IllegalArgumentException("keys and values differ in length");
    }
    sort(keys, values, 0, keys.length - 1);
  }

  private static void sort(long[] k, long[] v, int lo, int hi) {
    while (lo < hi) {
      long pivot = k[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (k[i] < pivot) {
          i++;
        }
        while (k[j] > pivot) {
          j--;
        }
        if (i <= j) {
          long t = k[i];
          k[i] = k[j];
          k[j] = t;
          t = v[i];
          v[i] = v[j];
          v[j] = t;
          i++;
          j--;
        }
      }
      if (j - lo < hi - i) {
        sort(k, v, lo, j);
        lo = i;
      } else {
        sort(k, v, i, hi);
        hi = j;
      }
    }
  }
}
