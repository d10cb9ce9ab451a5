package dev.llamakit.pipelines.minhash;

import java.util.Arrays;

/**
 * Word n-gram shingles of a {@linkplain SimplifiedText simplified} text as 64-bit hashes: each word is hashed once
 * (FNV-1a over its code points, mixed), and each run of {@code n} consecutive words is hashed from its word hashes in
 * order, so {@code "a b"} and {@code "b a"} differ and word boundaries count.
 *
 * <p>Short texts: a text of fewer than {@code n} words (but at least one) is one shingle of all its words, so two
 * identical short texts still collide; a text with no word at all (empty, or only punctuation and spaces) has no
 * shingle, no signature, and is always its own singleton cluster. Stateless and thread-safe.
 */
public final class Shingles {
  private Shingles() {}

  /** The hashes of the space-separated words of {@code simplified}, in order. */
  public static long[] wordHashes(String simplified) {
    int n = simplified.length();
    if (n == 0) {
      return new long[0];
    }
    long[] out = new long[16];
    int count = 0;
    long h = Hash64.FNV_OFFSET;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? simplified.charAt(i) : ' ';
      if (c == ' ') {
        if (count == out.length) {
          out = Arrays.copyOf(out, count * 2);
        }
        out[count++] = Hash64.mix(h);
        h = Hash64.FNV_OFFSET;
      } else {
        h = (h ^ c) * Hash64.FNV_PRIME;
      }
    }
    return Arrays.copyOf(out, count);
  }

  /** The n-gram shingle hashes of {@code words} (with duplicates, in text order); see the class comment for short texts. */
  public static long[] of(long[] words, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("ngram must be 1 or more, not " + n);
    }
    if (words.length == 0) {
      return new long[0];
    }
    int k = Math.max(1, words.length - n + 1);
    int width = Math.min(n, words.length);
    long[] out = new long[k];
    for (int s = 0; s < k; s++) {
      long h = width;
      for (int j = 0; j < width; j++) {
        h = (h ^ words[s + j]) * Hash64.GOLDEN;
        h ^= h >>> 29;
      }
      out[s] = Hash64.mix(h);
    }
    return out;
  }

  /** The shingles of a raw text: {@code of(wordHashes(simplify(text)), n)}. */
  public static long[] ofText(String text, int n) {
    return of(wordHashes(SimplifiedText.simplify(text)), n);
  }

  /** The distinct values of {@code shingles}, sorted: the set {@link Jaccard} compares. */
  public static long[] sortedSet(long[] shingles) {
    long[] s = shingles.clone();
    Arrays.sort(s);
    int w = 0;
    for (int i = 0; i < s.length; i++) {
      if (i == 0 || s[i] != s[i - 1]) {
        s[w++] = s[i];
      }
    }
    return w == s.length ? s : Arrays.copyOf(s, w);
  }
}
