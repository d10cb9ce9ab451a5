package dev.llamakit.pipelines.fasttext;

import dev.llamakit.pipelines.fasttext.Dictionary.IntList;
import java.util.Arrays;

/**
 * The input rows of out-of-vocabulary words, remembered per thread. fastText computes an unknown word's character
 * n-grams (hash each, mod bucket, through the pruning map) every time it meets the word; on web text most words of a
 * language-ID model's input are out of its pruned vocabulary and the same words come back document after document.
 * The rows are a pure function of the word's bytes, so replaying them gives exactly fastText's input, in its order.
 *
 * <p>A direct-mapped table of 2<sup>16</sup> words: a word that collides replaces the one before (bounded memory,
 * a few MB per thread, no eviction bookkeeping).
 */
final class SubwordCache {
  private static final int SLOTS = 1 << 16;

  private final int[] hashes = new int[SLOTS];
  private final byte[][] words = new byte[SLOTS][];
  private final int[][] rows = new int[SLOTS][];
  private byte[] wrapped = new byte[256];

  /** Appends to {@code out} the rows of the unknown word {@code w[from, from + n)} whose fastText hash is {@code h}. */
  void appendRows(Dictionary dict, byte[] w, int from, int n, int h, IntList out) {
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    byte[] known = words[slot];
    if (known != null && hashes[slot] == h && Arrays.equals(known, 0, known.length, w, from, from + n)) {
      int[] r = rows[slot];
      out.addAll(r, 0, r.length);
      return;
    }
    if (wrapped.length < n + 2) {
      wrapped = new byte[Math.max(n + 2, wrapped.length * 2)];
    }
    Dictionary.wrap(w, from, n, wrapped);
    int before = out.size;
    dict.computeSubwords(wrapped, n + 2, out);
    hashes[slot] = h;
    words[slot] = Arrays.copyOfRange(w, from, from + n);
    rows[slot] = Arrays.copyOfRange(out.a, before, out.size);
  }
}
