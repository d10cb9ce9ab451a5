package dev.llamakit.engine.inference;

/**
 * The log-likelihood of a continuation given its context.
 *
 * @param sumLogprob sum of the natural-log probabilities of the continuation tokens
 * @param tokenLogprobs one log-probability per continuation token
 * @param isGreedy true when every continuation token was the argmax (lowest id on ties) at its position
 */
public record ScoredContinuation(double sumLogprob, double[] tokenLogprobs, boolean isGreedy) {
  /** Number of continuation tokens. */
  public int tokenCount() {
    return tokenLogprobs.length;
  }

  /** {@code sumLogprob / tokenCount} (llama.cpp's HellaSwag normalisation). */
  public double meanLogprobPerToken() {
    return tokenLogprobs.length == 0 ? 0 : sumLogprob / tokenLogprobs.length;
  }

  /** {@code sumLogprob / chars} (lm-evaluation-harness {@code acc_norm}); the caller supplies the character count. */
  public double logprobPerChar(int chars) {
    return chars == 0 ? 0 : sumLogprob / chars;
  }
}
