package dev.llamakit.pipelines.sentencepiece;

import java.util.Arrays;

/**
 * The BPE agenda: a binary max-heap of candidate merges ordered by score, then by the smaller left symbol index
 * (SentencePiece's {@code SymbolPairComparator}). Entries live in parallel arrays and are never reused, so the entry
 * index {@link #pop()} returns stays readable. One per encode call.
 */
final class PairHeap {
  private float[] score;
  private int[] left;
  private int[] right;
  private int[] size;
  private int[] heap; // entry indices
  private int entries;
  private int length;

  PairHeap(int capacity) {
    int c = Math.max(16, capacity);
    score = new float[c];
    left = new int[c];
    right = new int[c];
    size = new int[c];
    heap = new int[c];
  }

  void push(float s, int l, int r, int bytes) {
    if (entries == score.length) {
      int c = entries * 2;
      score = Arrays.copyOf(score, c);
      left = Arrays.copyOf(left, c);
      right = Arrays.copyOf(right, c);
      size = Arrays.copyOf(size, c);
      heap = Arrays.copyOf(heap, c);
    }
    int e = entries++;
    score[e] = s;
    left[e] = l;
    right[e] = r;
    size[e] = bytes;
    int i = length++;
    heap[i] = e;
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!before(heap[i], heap[parent])) {
        break;
      }
      swap(i, parent);
      i = parent;
    }
  }

  boolean isEmpty() {
    return length == 0;
  }

  /** Removes and returns the best entry. */
  int pop() {
    int top = heap[0];
    heap[0] = heap[--length];
    for (int i = 0; ; ) {
      int l = 2 * i + 1;
      if (l >= length) {
        break;
      }
      int best = l + 1 < length && before(heap[l + 1], heap[l]) ? l + 1 : l;
      if (!before(heap[best], heap[i])) {
        break;
      }
      swap(i, best);
      i = best;
    }
    return top;
  }

  int left(int e) {
    return left[e];
  }

  int right(int e) {
    return right[e];
  }

  int size(int e) {
    return size[e];
  }

  /** True when entry {@code a} is merged before entry {@code b}. */
  private boolean before(int a, int b) {
    return score[a] > score[b] || (score[a] == score[b] && left[a] < left[b]);
  }

  private void swap(int i, int j) {
    int t = heap[i];
    heap[i] = heap[j];
    heap[j] = t;
  }
}
