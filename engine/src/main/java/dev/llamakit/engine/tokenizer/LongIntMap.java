package dev.llamakit.engine.tokenizer;

import java.util.Arrays;

/** An open-addressing hash map from {@code long} keys to non-negative {@code int} values (-1 = absent). */
final class LongIntMap {
  private static final long EMPTY = Long.MIN_VALUE;
  private final long[] keys;
  private final int[] values;
  private final int mask;
  private int size;

  LongIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
    keys = new long[cap];
    values = new int[cap];
    mask = cap - 1;
    Arrays.fill(keys, EMPTY);
  }

  /** Stores {@code value} unless the key is present already (the first put wins). */
  void putIfAbsent(long key, int value) {
    if (size * 2 >= keys.length) {
      throw new IllegalStateException("LongIntMap is full (" + size + " entries)");
    }
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = key;
    values[i] = value;
    size++;
  }

  int get(long key) {
    int i = slot(key);
    while (keys[i] != EMPTY) {
      if (keys[i] == key) {
        return values[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  int size() {
    return size;
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 33) & mask;
  }
}
