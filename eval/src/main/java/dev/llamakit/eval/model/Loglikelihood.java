package dev.llamakit.eval.model;

/**
 * The score of one continuation: summed natural-log probability of its tokens and whether greedy decoding would have
 * produced exactly those tokens.
 *
 * @param logprob sum of log-probabilities of the continuation tokens (always &lt;= 0)
 * @param greedy true when every continuation token is the most likely token at its position
 */
public record Loglikelihood(double logprob, boolean greedy) {}
