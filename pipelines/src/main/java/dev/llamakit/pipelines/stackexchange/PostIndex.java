package dev.llamakit.pipelines.stackexchange;

import java.util.Arrays;

/**
 * The in-memory index of the posts of one dump: per post its id, parent (answers), score, row number and spool offset,
 * in growable primitive arrays — a few dozen bytes a post, no per-post objects.
 */
final class PostIndex {
  long[] id = new long[256];
  long[] parent = new long[256];
  int[] score = new int[256];
  long[] row = new long[256];
  long[] offset = new long[256];
  int size;

  int add(long postId, long parentId, int postScore, long rowIndex, long spoolOffset) {
    if (size == id.length) {
      int n = size * 2;
      id = Arrays.copyOf(id, n);
      parent = Arrays.copyOf(parent, n);
      score = Arrays.copyOf(score, n);
      row = Arrays.copyOf(row, n);
      offset = Arrays.copyOf(offset, n);
    }
    id[size] = postId;
    parent[size] = parentId;
    score[size] = postScore;
    row[size] = rowIndex;
    offset[size] = spoolOffset;
    return size++;
  }

  /** The entries sorted by (parent, score descending, id): each question's answers in a run, best first. */
  int[] byParentThenScore() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = Long.compare(parent[a], parent[b]);
      if (c != 0) {
        return c;
      }
      c = Integer.compare(score[b], score[a]);
      return c != 0 ? c : Long.compare(id[a], id[b]);
    });
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = order[i];
    }
    return out;
  }

  /** The first position in {@code sorted} whose parent is {@code parentId}, or -1. */
  int firstWithParent(int[] sorted, long parentId) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (parent[sorted[mid]] < parentId) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < sorted.length && parent[sorted[lo]] == parentId ? lo : -1;
  }
}
