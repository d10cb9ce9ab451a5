package dev.llamakit.pipelines.dedup;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The global result of counting line hashes over the whole input: the hashes that occur in two or more documents,
 * each with its owner (the smallest document ordinal that contains it). Sorted arrays, binary search, 16 bytes a
 * line.
 */
public final class DuplicateLines implements Serializable {
  private final long[] hashes;
  private final long[] owners;

  /** From parallel arrays in any order (copied and sorted by hash). */
  public DuplicateLines(long[] hashes, long[] owners) {
    if (hashes.length != owners.length) {
      throw new IllegalArgumentException("hashes and owners differ in length");
    }
    this.hashes = hashes.clone();
    this.owners = owners.clone();
    PairSort.sort(this.hashes, this.owners);
  }

  /** One index holding every line of several (disjoint) indexes. */
  public static DuplicateLines concat(java.util.List<DuplicateLines> parts) {
    int n = 0;
    for (DuplicateLines p : parts) {
      n += p.size();
    }
    long[] h = new long[n];
    long[] o = new long[n];
    int k = 0;
    for (DuplicateLines p : parts) {
      System.arraycopy(p.hashes, 0, h, k, p.size());
      System.arraycopy(p.owners, 0, o, k, p.size());
      k += p.size();
    }
    return new DuplicateLines(h, o);
  }

  /** The i-th duplicated hash in sorted order. */
  public long hashAt(int i) {
    return hashes[i];
  }

  /** The owner of the i-th duplicated hash. */
  public long ownerAt(int i) {
    return owners[i];
  }

  public static DuplicateLines empty() {
    return new DuplicateLines(new long[0], new long[0]);
  }

  /** Number of distinct duplicated lines. */
  public int size() {
    return hashes.length;
  }

  /** The owner ordinal of a duplicated line, or -1 when the line occurs in at most one document. */
  public long ownerOf(long hash) {
    int i = Arrays.binarySearch(hashes, hash);
    return i < 0 ? -1 : owners[i];
  }
}
