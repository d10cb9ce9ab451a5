package dev.llamakit.pipelines.kenlm;

import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.F32;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.LONGEST_ENTRY;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.MIDDLE_ENTRY;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.U32;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.U64;
import static dev.llamakit.pipelines.kenlm.KenLmBinaryLayout.UNIGRAM_ENTRY;

import java.lang.foreign.MemorySegment;

/**
 * {@link ProbingTables} read in place from a memory-mapped KenLM probing binary: nothing is copied to the heap;
 * lookups probe the file's own hash tables, with KenLM's bucket choice ({@code key mod buckets}, linear probing).
 * Slots are byte offsets into the mapping.
 */
final class MappedProbingTables implements ProbingTables {
  private final MemorySegment s;
  private final int order;
  private final long unigrams;
  private final long[] middle;
  private final long[] middleBuckets;
  private final long longest;
  private final long longestBuckets;
  /** Per table of n-grams of length {@code i + 2} (the last: the highest order): start, entry size, bucket count. */
  private final long[] tableAt;
  private final int[] entryBytes;
  private final FastMod[] bucketOf;

  MappedProbingTables(MemorySegment segment, KenLmBinaryLayout layout) {
    this.s = segment;
    this.order = layout.order;
    this.unigrams = layout.unigrams;
    this.middle = layout.middleTables;
    this.middleBuckets = layout.middleBuckets;
    this.longest = layout.longestTable;
    this.longestBuckets = layout.longestBuckets;
    int tables = order - 1;
    this.tableAt = new long[tables];
    this.entryBytes = new int[tables];
    this.bucketOf = new FastMod[tables];
    for (int i = 0; i < tables; i++) {
      boolean last = i == order - 2;
      tableAt[i] = last ? longest : middle[i];
      entryBytes[i] = last ? LONGEST_ENTRY : MIDDLE_ENTRY;
      bucketOf[i] = new FastMod(last ? longestBuckets : middleBuckets[i]);
    }
  }

  @Override
  public int order() {
    return order;
  }

  @Override
  public int unigramProbBits(int word) {
    return s.get(U32, unigrams + (long) word * UNIGRAM_ENTRY);
  }

  @Override
  public float unigramBackoff(int word) {
    return s.get(F32, unigrams + (long) word * UNIGRAM_ENTRY + 4);
  }

  @Override
  public long findMiddle(int orderMinus2, long key) {
    return find(middle[orderMinus2], middleBuckets[orderMinus2], MIDDLE_ENTRY, key);
  }

  @Override
  public int middleProbBits(int orderMinus2, long slot) {
    return s.get(U32, slot + 8);
  }

  @Override
  public float middleBackoff(int orderMinus2, long slot) {
    return s.get(F32, slot + 12);
  }

  @Override
  public float longestProb(long key) {
    long slot = find(longest, longestBuckets, LONGEST_ENTRY, key);
    return slot < 0 ? Float.NaN : s.get(F32, slot + 8);
  }

  @Override
  public long findLongest(long key) {
    return find(longest, longestBuckets, LONGEST_ENTRY, key);
  }

  @Override
  public float longestProbAt(long slot) {
    return s.get(F32, slot + 8);
  }

  @Override
  public long home(int orderMinus2, long key) {
    return tableAt[orderMinus2] + bucketOf[orderMinus2].mod(key) * entryBytes[orderMinus2];
  }

  @Override
  public long storedKey(int orderMinus2, long slot) {
    return s.get(U64, slot);
  }

  @Override
  public long probe(int orderMinus2, long key, long home, long storedAtHome) {
    return orderMinus2 == order - 2
        ? probe(longest, longestBuckets, LONGEST_ENTRY, key, home, storedAtHome)
        : probe(middle[orderMinus2], middleBuckets[orderMinus2], MIDDLE_ENTRY, key, home, storedAtHome);
  }

  /**
   * Linear probing from {@code at}, whose stored key {@code k} has already been read. At most one pass over the table:
   * a valid file always has an empty bucket, a damaged one without any must not make scoring spin forever.
   */
  private long probe(long table, long buckets, int entry, long key, long at, long k) {
    long end = table + buckets * entry;
    for (long left = buckets; ; left--) {
      if (k == key) {
        return at;
      }
      if (k == 0 || left == 0) {
        return -1;
      }
      at += entry;
      if (at == end) {
        at = table;
      }
      k = s.get(U64, at);
    }
  }

  private long find(long table, long buckets, int entry, long key) {
    long at = table + Long.remainderUnsigned(key, buckets) * entry;
    return probe(table, buckets, entry, key, at, s.get(U64, at));
  }
}
