package dev.llamakit.pipelines.minhash;

import java.util.SplittableRandom;

/**
 * MinHash signatures and their LSH band keys. Hash function {@code i} of the {@code bands × rows} is the linear map
 * {@code a_i · h + b_i} modulo 2^64 (odd {@code a_i}, so a bijection) of the shingle's already well-mixed 64-bit hash
 * {@code h}, with {@code a_i, b_i} drawn from {@code seed}; the signature keeps, per function, the smallest value
 * (signed order) over the document's shingles, so two documents agree on one function with probability ≈ their
 * Jaccard similarity (checked against the S-curve by {@code MinHashPrecisionRecallTest}). datatrove uses the same
 * kind of map modulo the prime 2^61 − 1; modulo 2^64 it is one multiply-add per function, which the JIT vectorises.
 *
 * <p>A band key hashes band {@code j}'s {@code rows} values together with {@code j}, so equal keys mean (up to a
 * 2^-64 collision) the same band of the same rows: two documents become candidates when any band key is equal, with
 * probability {@code 1 - (1 - s^rows)^bands} ({@link SCurve}). Immutable and thread-safe.
 */
public final class MinHasher {
  private final int bands;
  private final int rows;
  private final long[] mul;
  private final long[] add;

  public MinHasher(int bands, int rows, long seed) {
    if (bands < 1 || rows < 1) {
      throw new IllegalArgumentException("bands and rows must be 1 or more, not " + bands + " × " + rows);
    }
    if ((long) bands * rows > 4096) {
      throw new IllegalArgumentException("bands × rows must be at most 4096, not " + (long) bands * rows);
    }
    this.bands = bands;
    this.rows = rows;
    this.mul = new long[bands * rows];
    this.add = new long[bands * rows];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < mul.length; i++) {
      mul[i] = r.nextLong() | 1;
      add[i] = r.nextLong();
    }
  }

  public int bands() {
    return bands;
  }

  public int rows() {
    return rows;
  }

  /** The signature of a non-empty shingle list: {@code bands × rows} minima, band by band. */
  public long[] signature(long[] shingles) {
    if (shingles.length == 0) {
      throw new IllegalArgumentException("a document without shingles has no signature");
    }
    long[] mul = this.mul;
    long[] add = this.add;
    int k = mul.length;
    long[] min = new long[k];
    java.util.Arrays.fill(min, Long.MAX_VALUE);
    for (long s : shingles) {
      for (int i = 0; i < k; i++) {
        min[i] = Math.min(min[i], mul[i] * s + add[i]);
      }
    }
    return min;
  }

  /** The {@code bands} LSH keys of a signature. */
  public long[] bandKeys(long[] signature) {
    long[] keys = new long[bands];
    for (int b = 0; b < bands; b++) {
      long h = (b + 1) * Hash64.GOLDEN;
      for (int r = 0; r < rows; r++) {
        h = Hash64.mix(h ^ signature[b * rows + r]) + r;
      }
      keys[b] = Hash64.mix(h);
    }
    return keys;
  }
}
