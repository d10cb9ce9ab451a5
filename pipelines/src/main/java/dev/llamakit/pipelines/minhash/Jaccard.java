package dev.llamakit.pipelines.minhash;

/** Exact Jaccard similarity |A ∩ B| / |A ∪ B| of two shingle sets given as sorted arrays of distinct values. */
public final class Jaccard {
  private Jaccard() {}

  /** The similarity of two {@linkplain Shingles#sortedSet sorted sets}; two empty sets are identical (1.0). */
  public static double of(long[] a, long[] b) {
    if (a.length == 0 && b.length == 0) {
      return 1.0;
    }
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        common++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return common / (double) (a.length + b.length - common);
  }
}
