package dev.llamakit.engine.inference;

/**
 * The outcome of {@link LlamaEngine#generate}.
 *
 * @param tokens generated token ids (a final stop token included)
 * @param stopReason why it ended
 * @param promptTokens prompt length
 * @param reusedPromptTokens prompt tokens whose KV came from the prefix cache or the previous request
 * @param prefillNanos time to process the prompt
 * @param decodeNanos time spent generating
 */
public record GenerationResult(int[] tokens, StopReason stopReason, int promptTokens, int reusedPromptTokens,
    long prefillNanos, long decodeNanos) {
  /** Generated tokens per second of decode time (the first token counts as prefill). */
  public double decodeTokensPerSecond() {
    return tokens.length <= 1 || decodeNanos == 0 ? 0 : (tokens.length - 1) * 1e9 / decodeNanos;
  }
}
