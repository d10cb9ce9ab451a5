package dev.llamakit.pipelines.kenlm;

import java.util.Arrays;

/**
 * The right-hand scoring state of KenLM ({@code lm::ngram::State}): the most recent words that can still matter,
 * newest first, with their backoff weights, plus what the last {@link NgramModel#score} into this state matched.
 * Mutable and not thread-safe: each thread (or each call) keeps its own pair of states. Create with
 * {@link NgramModel#newState()}.
 */
public final class NgramState {
  final int[] words;
  final float[] backoffs;
  int length;
  int ngramLength;

  NgramState(int order) {
    words = new int[Math.max(1, order - 1)];
    backoffs = new float[words.length];
  }

  /** How many history words this state keeps (0 .. order-1); KenLM drops words no longer n-gram extends. */
  public int length() {
    return length;
  }

  /** The i-th most recent history word's index ({@code i = 0} is the newest). */
  public int word(int i) {
    if (i < 0 || i >= length) {
      throw new IndexOutOfBoundsException("history word " + i + " of " + length);
    }
    return words[i];
  }

  /** Length of the n-gram matched when the word leading to this state was scored (1 .. order). */
  public int ngramLength() {
    return ngramLength;
  }

  @Override
  public String toString() {
    return "NgramState" + Arrays.toString(Arrays.copyOf(words, length)) + " matched " + ngramLength;
  }
}
