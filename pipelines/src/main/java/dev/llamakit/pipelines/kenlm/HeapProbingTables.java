package dev.llamakit.pipelines.kenlm;

/**
 * {@link ProbingTables} on the Java heap, filled from an ARPA file: primitive arrays only (no object per n-gram),
 * open addressing with linear probing on the 64-bit n-gram keys, key 0 meaning an empty slot (as in KenLM).
 */
final class HeapProbingTables implements ProbingTables {
  private final int order;
  final int[] unigramProb;
  final float[] unigramBackoff;
  private final Table[] middle;
  private final Table longest;

  /** One open-addressing table; {@code backoff} is null for the highest order. */
  static final class Table {
    final long[] keys;
    final int[] prob;
    final float[] backoff;
    final int shift;
    final int mask;

    Table(long entries, boolean withBackoff) {
      long want = Math.max(4, entries + entries / 2 + 1);
      int bits = 64 - Long.numberOfLeadingZeros(want - 1);
      if (bits > 30) {
        throw new IllegalArgumentException(entries + " n-grams are too many for one in-memory table; build a KenLM binary");
      }
      int size = 1 << bits;
      keys = new long[size];
      prob = new int[size];
      backoff = withBackoff ? new float[size] : null;
      shift = 64 - bits;
      mask = size - 1;
    }

    int home(long key) {
      return (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
    }

    int find(long key) {
      int i = home(key);
      return probe(key, i, keys[i]);
    }

    /** Linear probing from slot {@code i}, whose key {@code k} has been read. */
    int probe(long key, int i, long k) {
      while (true) {
        if (k == key) {
          return i;
        }
        if (k == 0) {
          return -1;
        }
        i = (i + 1) & mask;
        k = keys[i];
      }
    }

    /** The slot for {@code key}, or -1 when it was already present. */
    int insert(long key) {
      int i = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (keys[i] != 0) {
        if (keys[i] == key) {
          return -1;
        }
        i = (i + 1) & mask;
      }
      keys[i] = key;
      return i;
    }
  }

  HeapProbingTables(long[] counts) {
    order = counts.length;
    unigramProb = new int[Math.toIntExact(counts[0] + 1)];
    unigramBackoff = new float[unigramProb.length];
    middle = new Table[order - 2];
    for (int n = 2; n < order; n++) {
      middle[n - 2] = new Table(counts[n - 1], true);
    }
    longest = new Table(counts[order - 1], false);
  }

  /** The table of n-grams of length {@code n} (2 .. order). */
  Table table(int n) {
    return n == order ? longest : middle[n - 2];
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public int unigramProbBits(int word) {
    return unigramProb[word];
  }

  @Override
  public float unigramBackoff(int word) {
    return unigramBackoff[word];
  }

  @Override
  public long findMiddle(int orderMinus2, long key) {
    return middle[orderMinus2].find(key);
  }

  @Override
  public int middleProbBits(int orderMinus2, long slot) {
    return middle[orderMinus2].prob[(int) slot];
  }

  @Override
  public float middleBackoff(int orderMinus2, long slot) {
    return middle[orderMinus2].backoff[(int) slot];
  }

  @Override
  public long home(int orderMinus2, long key) {
    return table(orderMinus2 + 2).home(key);
  }

  @Override
  public long storedKey(int orderMinus2, long slot) {
    return table(orderMinus2 + 2).keys[(int) slot];
  }

  @Override
  public long probe(int orderMinus2, long key, long home, long storedAtHome) {
    return table(orderMinus2 + 2).probe(key, (int) home, storedAtHome);
  }

  @Override
  public long findLongest(long key) {
    return longest.find(key);
  }

  @Override
  public float longestProbAt(long slot) {
    return Float.intBitsToFloat(longest.prob[(int) slot]);
  }

  @Override
  public float longestProb(long key) {
    int slot = longest.find(key);
    return slot < 0 ? Float.NaN : Float.intBitsToFloat(longest.prob[slot]);
  }
}
