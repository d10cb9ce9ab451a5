package dev.llamakit.engine.inference;

/**
 * Rolling log-likelihood of a token sequence (every token after the first scored once).
 *
 * @param sumLogprob total natural-log probability
 * @param scoredTokens number of scored tokens
 */
public record RollingScore(double sumLogprob, int scoredTokens) {
  /** {@code exp(-sum/count)}. */
  public double perplexity() {
    return Math.exp(-sumLogprob / scoredTokens);
  }
}
