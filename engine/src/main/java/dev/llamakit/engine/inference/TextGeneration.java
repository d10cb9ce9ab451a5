package dev.llamakit.engine.inference;

/**
 * The outcome of {@link TextEngine#generate}: the released text and the engine's accounting.
 *
 * @param text the reply: no end-of-generation token text, cut before the first stop string
 * @param tokens every token the engine generated (a final stop token included)
 * @param stopReason why it ended ({@link StopReason#STOP_STRING} when a stop string cut it, {@link
 *     StopReason#LISTENER} when the listener cancelled)
 * @param promptTokens prompt length
 * @param reusedPromptTokens prompt tokens whose KV came from the prefix cache or the previous request
 * @param prefillNanos time to process the prompt
 * @param decodeNanos time spent generating
 */
public record TextGeneration(String text, int[] tokens, StopReason stopReason, int promptTokens,
    int reusedPromptTokens, long prefillNanos, long decodeNanos) {
  /** Generated tokens per second of decode time (the first token counts as prefill). */
  public double decodeTokensPerSecond() {
    return tokens.length <= 1 || decodeNanos == 0 ? 0 : (tokens.length - 1) * 1e9 / decodeNanos;
  }
}
