package dev.llamakit.pipelines.decontam;

import java.util.Arrays;

/**
 * A text cut into normalised words, each with the span of the raw text it came from (in code points, as Python
 * counts string positions), so a matched n-gram can be cut out of the original text.
 *
 * @param tokens the normalised words, in order
 * @param start the code-point offset where word {@code i} starts in the raw text
 * @param end the code-point offset one past word {@code i}'s last character
 * @param codePoints the raw text's length in code points
 */
public record Words(String[] tokens, int[] start, int[] end, int codePoints) {
  /** How many words. */
  public int size() {
    return tokens.length;
  }

  /** The n-gram starting at word {@code i}: its words joined by single spaces (the index's term). */
  public String gram(int i, int n) {
    StringBuilder sb = new StringBuilder(n * 8);
    appendGram(sb, i, n);
    return sb.toString();
  }

  /** Appends the n-gram starting at word {@code i} to {@code sb}. */
  public void appendGram(StringBuilder sb, int i, int n) {
    for (int k = 0; k < n; k++) {
      if (k > 0) {
        sb.append(' ');
      }
      sb.append(tokens[i + k]);
    }
  }

  /** How many n-grams the text has (0 when it has fewer than n words). */
  public int grams(int n) {
    return Math.max(0, tokens.length - n + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Words w && Arrays.equals(w.tokens, tokens) && Arrays.equals(w.start, start)
        && Arrays.equals(w.end, end) && w.codePoints == codePoints;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(tokens) * 31 + Arrays.hashCode(start);
  }

  @Override
  public String toString() {
    return Arrays.toString(tokens);
  }
}
