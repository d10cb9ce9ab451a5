package dev.llamakit.engine.model;

/**
 * The float32 key/value cache of one sequence: per layer, {@code capacity} positions of {@code kvDim} keys and
 * values. {@link #truncate} rewinds it so a shared prefix can be reused.
 */
public final class KvCache {
  final float[][] keys;
  final float[][] values;
  private final int capacity;
  private final int kvDim;
  private int length;

  KvCache(int layers, int capacity, int kvDim) {
    this.capacity = capacity;
    this.kvDim = kvDim;
    keys = new float[layers][capacity * kvDim];
    values = new float[layers][capacity * kvDim];
  }

  /** Positions the cache can hold. */
  public int capacity() {
    return capacity;
  }

  /** Positions currently filled (the next token goes at this position). */
  public int length() {
    return length;
  }

  void setLength(int n) {
    length = n;
  }

  /** Forgets every position at or after {@code n}. */
  public void truncate(int n) {
    if (n < 0 || n > length) {
      throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + n);
    }
    length = n;
  }

  /** Bytes used by positions {@code 0..n)}. */
  public long bytesFor(int n) {
    return 2L * keys.length * n * kvDim * Float.BYTES;
  }

  /** Copies positions {@code 0..n)} of {@code src} into this cache and sets the length to {@code n}. */
  public void copyPrefixFrom(KvCache src, int n) {
    if (n > capacity || n > src.length) {
      throw new IllegalArgumentException("cannot copy " + n + " positions (source " + src.length + ", capacity "
          + capacity + ")");
    }
    for (int l = 0; l < keys.length; l++) {
      System.arraycopy(src.keys[l], 0, keys[l], 0, n * kvDim);
      System.arraycopy(src.values[l], 0, values[l], 0, n * kvDim);
    }
    length = n;
  }

  /** A compact copy of positions {@code 0..n)} (capacity n). */
  public KvCache snapshot(int n) {
    KvCache c = new KvCache(keys.length, n, kvDim);
    c.copyPrefixFrom(this, n);
    return c;
  }
}
