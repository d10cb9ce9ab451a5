package dev.llamakit.engine.sampling;

import java.util.Arrays;

/** Orders token ids by score, highest first, lower id first on ties, without boxing (one long sort). */
public final class TokenRanking {
  private TokenRanking() {}

  /** Ids {@code 0..n)} ordered by {@code scores[off + id]} descending, ties by ascending id, into {@code out}. */
  public static void rank(float[] scores, int off, int n, int[] out) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      float v = scores[off + i];
      int bits = Float.floatToIntBits(v == 0f ? 0f : v); // -0 ranks as 0
      int ascending = bits < 0 ? ~bits ^ 0x80000000 : bits; // signed int order = float order
      keys[i] = ((long) ~ascending << 32) | i;             // descending score, then ascending id
    }
    Arrays.sort(keys);
    for (int i = 0; i < n; i++) {
      out[i] = (int) keys[i];
    }
  }
}
