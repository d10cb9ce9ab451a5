package dev.llamakit.engine.inference;

/**
 * The log-probability the model gave one token at its position, and the most likely tokens there.
 *
 * @param token the token at this position
 * @param logprob its log-probability given the tokens before it (double log-softmax over the vocabulary)
 * @param topTokens the most likely tokens at this position, most likely first (ties: lower id first)
 * @param topLogprobs their log-probabilities
 */
public record TokenLogProb(int token, double logprob, int[] topTokens, double[] topLogprobs) {}
