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
    Integer[] order = new Integer[hashes.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Long.compare(hashes[a], hashes[b]));
    this.hashes = new long[hashes.length];
    this.owners = new long[hashes.length];
    for (int i = 0; i < order.length; i++) {
      this.hashes[i] = hashes[order[i]];
      this.owners[i] = owners[order[i]];
    }
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
