package dev.llamakit.pipelines.dedup;

import java.util.Arrays;

/**
 * One hash bucket of partitioned line dedup: every (line hash, document ordinal) pair whose hash falls in the bucket,
 * from any number of workers, and the decision of which documents lose which of those lines — the same decision as
 * {@link LineOwners} per hash and as the in-memory {@link OccurrenceTable} path, made for a whole bucket at once.
 *
 * <p>Pairs arrive in batches (interleaved {@code hash, ordinal, hash, ordinal, ...}), a document's hashes each once.
 * Memory is the bucket's pairs (16 bytes each) plus its counting table while it decides: the recipe's bucket count
 * divides the input's distinct (line, document) pairs into pieces a worker can hold.
 *
 * <pre>{@code
 * LineBucket b = new LineBucket();
 * for (long[] batch : batchesOfThisBucket) b.add(batch);
 * b.decide(DedupPolicy.REMOVE_ALL, (ordinal, lostHashes) -> emit(ordinal, lostHashes));
 * }</pre>
 */
public final class LineBucket {
  private long[] hashes = new long[64];
  private long[] ordinals = new long[64];
  private int size;

  /** Adds a batch of interleaved (hash, ordinal) pairs. */
  public void add(long[] interleaved) {
    if ((interleaved.length & 1) != 0) {
      throw new IllegalArgumentException("a batch of (hash, ordinal) pairs has odd length " + interleaved.length);
    }
    int n = interleaved.length / 2;
    if (size + n > hashes.length) {
      int cap = Math.max(size + n, hashes.length * 2);
      hashes = Arrays.copyOf(hashes, cap);
      ordinals = Arrays.copyOf(ordinals, cap);
    }
    for (int i = 0; i < n; i++) {
      hashes[size] = interleaved[2 * i];
      ordinals[size++] = interleaved[2 * i + 1];
    }
  }

  /** Pairs held. */
  public int size() {
    return size;
  }

  /**
   * Calls {@code loses} once per document that loses at least one of this bucket's lines, with the hashes it loses
   * (ascending by ordinal; each document's hashes in no particular order).
   */
  public void decide(DedupPolicy policy, Losses loses) {
    OccurrenceTable table = new OccurrenceTable(size);
    for (int i = 0; i < size; i++) {
      table.add(hashes[i], ordinals[i]);
    }
    long[] lo = new long[16];
    long[] lh = new long[16];
    int n = 0;
    for (int i = 0; i < size; i++) {
      long owner = table.ownerIfDuplicate(hashes[i]);
      if (owner >= 0 && (policy == DedupPolicy.REMOVE_ALL || ordinals[i] != owner)) {
        if (n == lo.length) {
          lo = Arrays.copyOf(lo, n * 2);
          lh = Arrays.copyOf(lh, n * 2);
        }
        lo[n] = ordinals[i];
        lh[n++] = hashes[i];
      }
    }
    lo = Arrays.copyOf(lo, n);
    lh = Arrays.copyOf(lh, n);
    PairSort.sort(lo, lh);
    for (int start = 0; start < n; ) {
      int end = start + 1;
      while (end < n && lo[end] == lo[start]) {
        end++;
      }
      loses.accept(lo[start], Arrays.copyOfRange(lh, start, end));
      start = end;
    }
  }

  /** Receives one document's lost hashes. */
  @FunctionalInterface
  public interface Losses {
    void accept(long ordinal, long[] hashes);
  }
}
