package dev.llamakit.engine.tokenizer;

import java.util.Arrays;

/**
 * A binary min-heap of merge candidates in primitive arrays: the key orders the candidates (priority in the high 32
 * bits, the left symbol's index in the low 32, so equal priorities pop leftmost first), and each entry carries the
 * right symbol's index and the merged length. Replaces a {@code PriorityQueue} of objects in the SPM and BPE merge
 * loops.
 */
final class BigramQueue {
  private long[] keys;
  private int[] rights;
  private int[] sizes;
  private int n;
  /** The entry taken by the last {@link #pop()}. */
  long key;
  int right;
  int size;

  BigramQueue(int capacity) {
    int c = Math.max(4, capacity);
    keys = new long[c];
    rights = new int[c];
    sizes = new int[c];
  }

  /** The key of a priority (smaller pops first) and the left symbol's index. */
  static long key(int priority, int left) {
    return ((long) priority << 32) | (left & 0xFFFFFFFFL);
  }

  /** A priority that pops higher scores first, as {@code float} comparison orders them (-0.0 equals 0.0). */
  static int descendingScore(float score) {
    int bits = Float.floatToIntBits(-score + 0.0f);
    return bits ^ ((bits >> 31) & 0x7FFFFFFF);
  }

  static int left(long key) {
    return (int) key;
  }

  boolean isEmpty() {
    return n == 0;
  }

  void push(long k, int r, int s) {
    if (n == keys.length) {
      keys = Arrays.copyOf(keys, n * 2);
      rights = Arrays.copyOf(rights, n * 2);
      sizes = Arrays.copyOf(sizes, n * 2);
    }
    int i = n++;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (keys[parent] <= k) {
        break;
      }
      keys[i] = keys[parent];
      rights[i] = rights[parent];
      sizes[i] = sizes[parent];
      i = parent;
    }
    keys[i] = k;
    rights[i] = r;
    sizes[i] = s;
  }

  /** Removes the smallest entry into {@link #key}, {@link #right}, {@link #size}. */
  void pop() {
    key = keys[0];
    right = rights[0];
    size = sizes[0];
    n--;
    if (n == 0) {
      return;
    }
    long k = keys[n];
    int r = rights[n];
    int s = sizes[n];
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && keys[child + 1] < keys[child]) {
        child++;
      }
      if (keys[child] >= k) {
        break;
      }
      keys[i] = keys[child];
      rights[i] = rights[child];
      sizes[i] = sizes[child];
      i = child;
    }
    keys[i] = k;
    rights[i] = r;
    sizes[i] = s;
  }
}
