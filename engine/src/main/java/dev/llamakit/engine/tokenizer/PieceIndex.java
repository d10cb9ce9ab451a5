package dev.llamakit.engine.tokenizer;

import java.util.Arrays;

/**
 * Finds the id of a piece given as a range of a string, without allocating a substring: an open-addressing table over
 * the pieces' characters. Used by the SPM merge loop, which looks up every candidate pair.
 */
final class PieceIndex {
  private final String[] pieces;
  private final int[] hashes;
  private final int[] slots;
  private final int mask;

  /** Indexes every piece of {@code vocab} under the id the vocabulary maps it to (the last one for duplicates). */
  PieceIndex(Vocabulary vocab) {
    int n = vocab.size();
    this.pieces = new String[n];
    this.hashes = new int[n];
    int cap = Integer.highestOneBit(Math.max(4, n) * 2 - 1) << 1;
    this.slots = new int[cap];
    this.mask = cap - 1;
    Arrays.fill(slots, -1);
    for (int id = 0; id < n; id++) {
      String p = vocab.piece(id);
      pieces[id] = p;
      if (vocab.idOf(p) != id) {
        continue; // a duplicate piece: the vocabulary maps it to another id
      }
      int h = hash(p, 0, p.length());
      hashes[id] = h;
      int i = h & mask;
      while (slots[i] >= 0) {
        i = (i + 1) & mask;
      }
      slots[i] = id;
    }
  }

  /** The id of {@code s[from, to)}, or -1. */
  int find(String s, int from, int to) {
    int len = to - from;
    int h = hash(s, from, to);
    int i = h & mask;
    for (int id = slots[i]; id >= 0; id = slots[i]) {
      String p = pieces[id];
      if (hashes[id] == h && p.length() == len && s.regionMatches(from, p, 0, len)) {
        return id;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private static int hash(String s, int from, int to) {
    int h = 0;
    for (int k = from; k < to; k++) {
      h = 31 * h + s.charAt(k);
    }
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 15);
  }
}
