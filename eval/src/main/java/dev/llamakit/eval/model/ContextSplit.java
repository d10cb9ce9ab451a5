package dev.llamakit.eval.model;

/**
 * lm-eval's {@code _encode_pair} rule: trailing whitespace of a context belongs to the continuation.
 *
 * <p>{@code ("Answer: ", "A")} becomes {@code ("Answer:", " A")}, so the continuation token is the one a tokenizer
 * produces for " A" after "Answer:" (Llama 3: 362), never a lone space token followed by "A".
 */
public final class ContextSplit {
  private ContextSplit() {}

  /** A context and a continuation after the move. */
  public record Pair(String context, String continuation) {}

  /** Moves the trailing whitespace of {@code context} to the front of {@code continuation}. */
  public static Pair of(String context, String continuation) {
    int end = context.length();
    while (end > 0 && Character.isWhitespace(context.charAt(end - 1))) {
      end--;
    }
    return new Pair(context.substring(0, end), context.substring(end) + continuation);
  }
}
