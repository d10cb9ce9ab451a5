package dev.llamakit.pipelines.decontam;

/**
 * The indexed n-gram fingerprints in an open-addressing hash table (linear probing, load at most one half), held in
 * front of the Lucene term dictionary: nearly every n-gram of a corpus document is in no benchmark, and this answers
 * "absent" with one or two array reads instead of a term-dictionary seek.
 */
final class FingerprintSet {
  private final long[] table;
  private final int mask;
  private boolean hasZero;

  FingerprintSet(int expected) {
    int size = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    table = new long[size];
    mask = size - 1;
  }

  void add(long key) {
    if (key == 0) {
      hasZero = true;
      return;
    }
    int i = slot(key);
    while (table[i] != 0) {
      if (table[i] == key) {
        return;
      }
      i = (i + 1) & mask;
    }
    table[i] = key;
  }

  boolean contains(long key) {
    if (key == 0) {
      return hasZero;
    }
    for (int i = slot(key); table[i] != 0; i = (i + 1) & mask) {
      if (table[i] == key) {
        return true;
      }
    }
    return false;
  }

  private int slot(long key) {
    return (int) (key ^ (key >>> 32)) & mask;
  }
}
