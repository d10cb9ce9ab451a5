package dev.llamakit.pipelines.filters.lmppl;

/**
 * The log-likelihood of a document's scored tokens under a language model.
 *
 * @param sumLogprob sum over the scored tokens of {@code ln p(token | the tokens before it)}
 * @param tokens how many tokens were scored
 */
public record LmScore(double sumLogprob, int tokens) {
  public LmScore {
    if (tokens < 0) {
      throw new IllegalArgumentException("tokens must be >= 0, got " + tokens);
    }
  }

  /** {@code exp(-sumLogprob / tokens)}; NaN when no token was scored. */
  public double perplexity() {
    return tokens == 0 ? Double.NaN : Math.exp(-sumLogprob / tokens);
  }

  /** The mean negative log-likelihood per scored token in nats; NaN when no token was scored. */
  public double meanNll() {
    return tokens == 0 ? Double.NaN : -sumLogprob / tokens;
  }
}
