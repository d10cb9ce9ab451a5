package dev.llamakit.pipelines.docdedup;

import java.util.Arrays;

/**
 * A document's word n-gram shingles for book-level dedup: its words, and for every distinct shingle its 64-bit hash
 * and the word positions where it starts.
 *
 * <p>A word is a maximal run of Unicode letters and digits ({@code Character.isLetterOrDigit}), lower-cased code point
 * by code point; everything else (spaces, punctuation, line ends, a Project Gutenberg header's asterisks) only
 * separates words, so a re-wrapped or re-punctuated copy has the same words. A shingle is {@code n} consecutive words;
 * a document of {@code w >= n} words has {@code w - n + 1} of them (fewer distinct ones when a phrase repeats), a
 * shorter one none. Hashes are 64-bit: two different shingles of a corpus share a hash with probability about
 * {@code 2^-64} per pair, which at worst marks {@code n} words of a document as shared.
 */
public final class Shingles {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  private final int words;
  private final long[] hashes;
  private final int[] offsets;
  private final int[] positions;

  private Shingles(int words, long[] hashes, int[] offsets, int[] positions) {
    this.words = words;
    this.hashes = hashes;
    this.offsets = offsets;
    this.positions = positions;
  }

  /** The shingles of {@code n} words of a text. */
  public static Shingles of(String text, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a shingle has at least one word, not " + n);
    }
    long[] w = wordHashes(text);
    int count = w.length;
    int s = count - n + 1;
    if (s <= 0) {
      return new Shingles(count, new long[0], new int[] {0}, new int[0]);
    }
    long[] h = new long[s];
    for (int i = 0; i < s; i++) {
      long x = 0x9e3779b97f4a7c15L;
      for (int j = 0; j < n; j++) {
        x = mix(x ^ w[i + j]);
      }
      h[i] = x;
    }
    long[] sorted = h.clone();
    Arrays.sort(sorted);
    int distinct = 0;
    for (int i = 0; i < sorted.length; i++) {
      if (i == 0 || sorted[i] != sorted[i - 1]) {
        sorted[distinct++] = sorted[i];
      }
    }
    long[] keys = Arrays.copyOf(sorted, distinct);
    int[] counts = new int[distinct + 1];
    int[] slot = new int[s];
    for (int i = 0; i < s; i++) {
      slot[i] = Arrays.binarySearch(keys, h[i]);
      counts[slot[i] + 1]++;
    }
    for (int i = 0; i < distinct; i++) {
      counts[i + 1] += counts[i];
    }
    int[] offsets = counts.clone();
    int[] pos = new int[s];
    for (int i = 0; i < s; i++) {
      pos[counts[slot[i]]++] = i;
    }
    return new Shingles(count, keys, offsets, pos);
  }

  /** The hash of every word of a text, in order. */
  static long[] wordHashes(String text) {
    long[] out = new long[Math.max(16, text.length() / 6)];
    int n = 0;
    long h = FNV_OFFSET;
    boolean inWord = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isLetterOrDigit(cp)) {
        h = (h ^ Character.toLowerCase(cp)) * FNV_PRIME;
        inWord = true;
      } else if (inWord) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = mix(h);
        h = FNV_OFFSET;
        inWord = false;
      }
    }
    if (inWord) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n + 1);
      }
      out[n++] = mix(h);
    }
    return Arrays.copyOf(out, n);
  }

  /** A 64-bit finaliser (the variant-13 mixer of splittable random generators): every input bit moves every output bit. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Number of words. */
  public int words() {
    return words;
  }

  /** Number of distinct shingles. */
  public int distinct() {
    return hashes.length;
  }

  /** The hash of distinct shingle {@code i} (ascending in {@code i}). */
  public long hash(int i) {
    return hashes[i];
  }

  /** The word positions where distinct shingle {@code i} starts, ascending. */
  public int[] positions(int i) {
    return Arrays.copyOfRange(positions, offsets[i], offsets[i + 1]);
  }
}
