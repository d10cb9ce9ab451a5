package dev.llamakit.engine.sampling;

import java.util.List;
import java.util.Set;

/**
 * How to pick each generated token and when to stop.
 *
 * <p>Sampling order (llama.cpp's chain, minus the exotic samplers): repetition and presence penalties over the
 * last {@code penaltyWindow} tokens (prompt included) → if {@code greedy} or {@code temperature <= 0}: argmax, lowest
 * id on ties → otherwise temperature → top-k → top-p → min-p → draw from the renormalised distribution with a
 * {@link java.util.SplittableRandom} seeded by {@code seed} (same seed, same output).
 *
 * @param greedy always take the most likely token
 * @param temperature softmax temperature (> 0 for sampling)
 * @param topK keep the k most likely tokens (0 = off)
 * @param topP keep the smallest set whose probability reaches p (1 = off)
 * @param minP drop tokens below minP x the top probability (0 = off)
 * @param repetitionPenalty llama.cpp / CTRL penalty for tokens already seen: positive logits divided, negative
 *     multiplied (1 = off)
 * @param presencePenalty subtracted once from the logit of every token already seen (0 = off)
 * @param penaltyWindow how many recent tokens the penalties look at
 * @param seed random seed
 * @param maxTokens maximum tokens to generate
 * @param stopTokens generation ends after any of these (the stop token is reported but counts as the end)
 * @param stopStrings generation ends when the generated text contains one (needs a token decoder)
 * @param constraint masks the tokens that may not come next, after the penalties and before the pick (null = none)
 */
public record SamplingParams(boolean greedy, float temperature, int topK, float topP, float minP,
    float repetitionPenalty, float presencePenalty, int penaltyWindow, long seed, int maxTokens, Set<Integer> stopTokens,
    List<String> stopStrings, TokenConstraint constraint) {

  /** Parameters without a {@link TokenConstraint}. */
  public SamplingParams(boolean greedy, float temperature, int topK, float topP, float minP, float repetitionPenalty,
      float presencePenalty, int penaltyWindow, long seed, int maxTokens, Set<Integer> stopTokens,
      List<String> stopStrings) {
    this(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty, penaltyWindow, seed, maxTokens,
        stopTokens, stopStrings, null);
  }

  public SamplingParams {
    if (maxTokens < 0 || topK < 0 || topP <= 0 || topP > 1 || minP < 0 || minP > 1 || repetitionPenalty <= 0
        || penaltyWindow < 0) {
      throw new IllegalArgumentException("invalid sampling parameters: maxTokens " + maxTokens + ", topK " + topK
          + ", topP " + topP + ", minP " + minP + ", repetitionPenalty " + repetitionPenalty);
    }
    stopTokens = Set.copyOf(stopTokens);
    stopStrings = List.copyOf(stopStrings);
  }

  /** Greedy decoding of up to {@code maxTokens} tokens, no penalties, no stops. */
  public static SamplingParams greedy(int maxTokens) {
    return new SamplingParams(true, 0f, 0, 1f, 0f, 1f, 0f, 64, 0L, maxTokens, Set.of(), List.of());
  }

  /** Temperature sampling with llama.cpp's defaults (top-k 40, top-p 0.95, min-p 0.05, temperature 0.8). */
  public static SamplingParams sampled(long seed, int maxTokens) {
    return new SamplingParams(false, 0.8f, 40, 0.95f, 0.05f, 1f, 0f, 64, seed, maxTokens, Set.of(), List.of());
  }

  public SamplingParams withTemperature(float t) {
    return new SamplingParams(t <= 0 || greedy, t, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, seed, maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withTopK(int k) {
    return new SamplingParams(greedy, temperature, k, topP, minP, repetitionPenalty, presencePenalty, penaltyWindow,
        seed, maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withTopP(float p) {
    return new SamplingParams(greedy, temperature, topK, p, minP, repetitionPenalty, presencePenalty, penaltyWindow,
        seed, maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withMinP(float p) {
    return new SamplingParams(greedy, temperature, topK, topP, p, repetitionPenalty, presencePenalty, penaltyWindow,
        seed, maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withRepetitionPenalty(float r) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, r, presencePenalty, penaltyWindow, seed,
        maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withPresencePenalty(float p) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, p, penaltyWindow, seed,
        maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withSeed(long s) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, s, maxTokens, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withMaxTokens(int n) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, seed, n, stopTokens, stopStrings, constraint);
  }

  public SamplingParams withStopTokens(Set<Integer> ids) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, seed, maxTokens, ids, stopStrings, constraint);
  }

  public SamplingParams withStopStrings(List<String> s) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, seed, maxTokens, stopTokens, s, constraint);
  }

  /** These parameters with a constraint on the tokens (null = none). */
  public SamplingParams withConstraint(TokenConstraint c) {
    return new SamplingParams(greedy, temperature, topK, topP, minP, repetitionPenalty, presencePenalty,
        penaltyWindow, seed, maxTokens, stopTokens, stopStrings, c);
  }
}
