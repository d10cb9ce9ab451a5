package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.tensor.KvRows;

/**
 * The key/value cache of one sequence: per layer, {@code capacity} positions of {@code kvDim} keys and values, each
 * stored as F32 (the default), F16 or Q8_0 ({@link ModelOptions#cacheTypeK()}, {@link ModelOptions#cacheTypeV()}, as
 * llama.cpp's {@code --cache-type-k/--cache-type-v}); attention reads them through {@link KvRows}. {@link #truncate}
 * rewinds it so a shared prefix can be reused.
 */
public final class KvCache {
  final KvRows[] keys;
  final KvRows[] values;
  private final int capacity;
  private final int kvDim;
  private final GgmlType keyType;
  private final GgmlType valueType;
  private int length;

  KvCache(int layers, int capacity, int kvDim, GgmlType keyType, GgmlType valueType) {
    this.capacity = capacity;
    this.kvDim = kvDim;
    this.keyType = keyType;
    this.valueType = valueType;
    keys = new KvRows[layers];
    values = new KvRows[layers];
    for (int l = 0; l < layers; l++) {
      keys[l] = KvRows.allocate(keyType, capacity, kvDim);
      values[l] = KvRows.allocate(valueType, capacity, kvDim);
    }
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

  /** How keys are stored. */
  public GgmlType keyType() {
    return keyType;
  }

  /** How values are stored. */
  public GgmlType valueType() {
    return valueType;
  }

  /** Forgets every position at or after {@code n}. */
  public void truncate(int n) {
    if (n < 0 || n > length) {
      throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + n);
    }
    length = n;
  }

  /** Bytes one position takes over all layers, keys and values. */
  public long bytesPerPosition() {
    return bytesPerPosition(keys.length, kvDim, keyType(), valueType());
  }

  /** Bytes one position takes in a cache of {@code layers} layers of {@code kvDim} keys and values of these types. */
  public static long bytesPerPosition(int layers, int kvDim, GgmlType keyType, GgmlType valueType) {
    return layers * (keyType.byteSize(kvDim) + valueType.byteSize(kvDim));
  }

  /** Bytes used by positions {@code 0..n)}. */
  public long bytesFor(int n) {
    return n * bytesPerPosition();
  }

  /** Copies positions {@code 0..n)} of {@code src} (same cache types) into this cache and sets the length to n. */
  public void copyPrefixFrom(KvCache src, int n) {
    if (n > capacity || n > src.length) {
      throw new IllegalArgumentException("cannot copy " + n + " positions (source " + src.length + ", capacity "
          + capacity + ")");
    }
    for (int l = 0; l < keys.length; l++) {
      keys[l].copyFrom(src.keys[l], n);
      values[l].copyFrom(src.values[l], n);
    }
    length = n;
  }

  /** A compact copy of positions {@code 0..n)} (capacity n). */
  public KvCache snapshot(int n) {
    KvCache c = new KvCache(keys.length, n, kvDim, keyType(), valueType());
    c.copyPrefixFrom(this, n);
    return c;
  }
}
