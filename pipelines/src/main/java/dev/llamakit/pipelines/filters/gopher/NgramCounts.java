package dev.llamakit.pipelines.filters.gopher;

import java.util.Arrays;

/**
 * Counts of word n-grams keyed by a 64-bit hash of their words, in an open-addressing table sized for one
 * document: no boxing, one allocation per n. Two different n-grams share a key with probability about 2^-64 per
 * pair, which the repetition ratios can ignore.
 */
final class NgramCounts {
  private final long[] keys;
  private final int[] counts;
  private final int mask;

  NgramCounts(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    counts = new int[cap];
    mask = cap - 1;
  }

  /** Adds one occurrence of {@code key} (never 0) and returns its new count. */
  int add(long key) {
    int i = slot(key);
    keys[i] = key;
    return ++counts[i];
  }

  int count(long key) {
    int i = slot(key);
    return keys[i] == key ? counts[i] : 0;
  }

  /** True the first time {@code key} is added, false after. */
  boolean addIfAbsent(long key) {
    return add(key) == 1;
  }

  void clear() {
    Arrays.fill(keys, 0L);
    Arrays.fill(counts, 0);
  }

  private int slot(long key) {
    int i = (int) (key ^ (key >>> 32)) & mask;
    while (keys[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    return i;
  }

  /** A 64-bit hash of the characters {@code s[from, to)}. */
  static long hash(String s, int from, int to) {
    long h = 0xcbf29ce484222325L;
    for (int i = from; i < to; i++) {
      h = (h ^ s.charAt(i)) * 0x100000001b3L;
    }
    return mix(h);
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
