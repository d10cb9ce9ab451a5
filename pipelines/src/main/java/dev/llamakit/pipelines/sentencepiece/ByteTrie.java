package dev.llamakit.pipelines.sentencepiece;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A trie over byte strings mapping each key to a non-negative int, laid out as a double array: the child of node
 * {@code s} along byte {@code c} is {@code t = base[s] + c} when {@code check[t] == s}, so a step costs two array reads
 * and walking allocates nothing. Built once by {@link Builder}, then read-only and thread-safe.
 */
final class ByteTrie {
  /** The root node. */
  static final int ROOT = 0;

  private final int[] base;
  private final int[] check;
  private final int[] values;
  private final boolean empty;

  private ByteTrie(int[] base, int[] check, int[] values, boolean empty) {
    this.base = base;
    this.check = check;
    this.values = values;
    this.empty = empty;
  }

  /** The child of {@code node} along byte {@code b}, or -1. */
  int child(int node, byte b) {
    int t = base[node] + (b & 0xFF);
    return t < check.length && check[t] == node ? t : -1;
  }

  /** The value stored at {@code node}, or -1 when no key ends there. */
  int value(int node) {
    return values[node];
  }

  /** The value of the key {@code s[from, to)}, or -1. */
  int get(byte[] s, int from, int to) {
    int node = ROOT;
    for (int i = from; i < to && node >= 0; i++) {
      node = child(node, s[i]);
    }
    return node < 0 ? -1 : values[node];
  }

  /** The length of the longest key that is a prefix of {@code s[from, to)}, or 0. */
  int longestPrefix(byte[] s, int from, int to) {
    int node = ROOT;
    int longest = 0;
    for (int i = from; i < to; i++) {
      node = child(node, s[i]);
      if (node < 0) {
        break;
      }
      if (values[node] >= 0) {
        longest = i + 1 - from;
      }
    }
    return longest;
  }

  /** Number of slots of the double array: node numbers are {@code [0, slots())}. */
  int slots() {
    return check.length;
  }

  /** The base of {@code node}: its child along byte {@code c} would be slot {@code base(node) + c}. */
  int base(int node) {
    return base[node];
  }

  /** The parent of slot {@code t}, or a negative number when the slot is free (the root's is {@code MIN_VALUE}). */
  int check(int t) {
    return check[t];
  }

  /** True when the trie has no key. */
  boolean isEmpty() {
    return empty;
  }

  /** Collects keys, then lays out the double array. */
  static final class Builder {
    private final List<byte[]> keys = new ArrayList<>();
    private final List<Integer> keyValues = new ArrayList<>();
    private int[] base = new int[1024];
    private int[] check = new int[1024];
    private int[] values = new int[1024];
    private final BitSet used = new BitSet();
    private int size = 1;

    /** Adds {@code key → value} ({@code value >= 0}, key not empty); a key added twice keeps the first value. */
    Builder put(byte[] key, int value) {
      keys.add(key);
      keyValues.add(value);
      return this;
    }

    ByteTrie build() {
      Integer[] order = new Integer[keys.size()];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b))); // stable: first wins
      List<byte[]> sorted = new ArrayList<>();
      List<Integer> sortedValues = new ArrayList<>();
      for (int i : order) {
        if (sorted.isEmpty() || !Arrays.equals(sorted.getLast(), keys.get(i))) {
          sorted.add(keys.get(i));
          sortedValues.add(keyValues.get(i));
        }
      }
      Arrays.fill(check, -1);
      Arrays.fill(values, -1);
      check[ROOT] = Integer.MIN_VALUE;
      used.set(ROOT);
      place(ROOT, 0, sorted, sortedValues, 0, sorted.size());
      return new ByteTrie(Arrays.copyOf(base, size), Arrays.copyOf(check, size), Arrays.copyOf(values, size),
          sorted.isEmpty());
    }

    /** Lays out the children of {@code node}: the keys {@code [lo, hi)} share their first {@code depth} bytes. */
    private void place(int node, int depth, List<byte[]> keys, List<Integer> vals, int lo, int hi) {
      int[] labels = new int[Math.min(256, hi - lo)];
      int[] starts = new int[labels.length + 1];
      int n = 0;
      for (int i = lo; i < hi; i++) {
        byte[] k = keys.get(i);
        if (k.length == depth) {
          values[node] = vals.get(i); // sorted: the key ending here comes first
          continue;
        }
        int c = k[depth] & 0xFF;
        if (n == 0 || labels[n - 1] != c) {
          labels[n] = c;
          starts[n] = i;
          n++;
        }
      }
      starts[n] = hi;
      if (n == 0) {
        return;
      }
      int b = findBase(labels, n);
      base[node] = b;
      for (int j = 0; j < n; j++) {
        check[b + labels[j]] = node;
        used.set(b + labels[j]);
      }
      for (int j = 0; j < n; j++) {
        place(b + labels[j], depth + 1, keys, vals, starts[j], starts[j + 1]);
      }
    }

    /** The smallest base {@code >= 1} whose slots {@code base + label} are all free. */
    private int findBase(int[] labels, int n) {
      int b = Math.max(1, used.nextClearBit(1) - labels[0]);
      while (true) {
        b = Math.max(b, used.nextClearBit(b + labels[0]) - labels[0]); // first label on a free slot
        boolean free = true;
        for (int j = 1; j < n && free; j++) {
          free = !used.get(b + labels[j]);
        }
        if (free) {
          ensure(b + 256);
          size = Math.max(size, b + labels[n - 1] + 1);
          return b;
        }
        b++;
      }
    }

    private void ensure(int capacity) {
      if (capacity <= check.length) {
        return;
      }
      int old = check.length;
      int c = Math.max(capacity, old * 2);
      base = Arrays.copyOf(base, c);
      check = Arrays.copyOf(check, c);
      values = Arrays.copyOf(values, c);
      Arrays.fill(check, old, c, -1);
      Arrays.fill(values, old, c, -1);
    }
  }
}
