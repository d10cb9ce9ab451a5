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

  MappedProbingTables(MemorySegment segment, KenLmBinaryLayout layout) {
    this.s = segment;
    this.order = layout.order;
    this.unigrams = layout.unigrams;
    this.middle = layout.middleTables;
    this.middleBuckets = layout.middleBuckets;
    this.longest = layout.longestTable;
    this.longestBuckets = layout.longestBuckets;
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

  private long find(long table, long buckets, int entry, long key) {
    long i = Long.remainderUnsigned(key, buckets);
    long at = table + i * entry;
    long end = table + buckets * entry;
    while (true) {
      long k = s.get(U64, at);
      if (k == key) {
        return at;
      }
      if (k == 0) {
        return -1;
      }
      at += entry;
      if (at == end) {
        at = table;
      }
    }
  }
}
