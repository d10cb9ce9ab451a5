package dev.llamakit.eval.model;

import dev.llamakit.engine.chat.Message;
import java.util.List;
import java.util.Objects;

/**
 * A generation request: continue {@code context} until a stop string, the end-of-sequence token or {@code maxTokens}.
 *
 * @param context the prompt, raw text (no chat template is applied by the harness)
 * @param until stop strings; the returned text ends before the earliest occurrence of any of them
 * @param maxTokens upper bound on generated tokens (lm-eval's {@code max_gen_toks})
 * @param temperature 0 for greedy decoding, otherwise the sampling temperature
 * @param topP nucleus mass for sampling (1.0 = no truncation); ignored when greedy
 * @param seed seed of the sampler for this request (ignored when greedy)
 * @param messages with {@code --apply-chat-template}, the conversation that {@code context} renders (a chat-completions
 *     server is sent these instead of the text); null for a plain prompt
 */
public record GenerationRequest(String context, List<String> until, int maxTokens, double temperature, double topP,
    long seed, List<Message> messages) {
  public GenerationRequest {
    Objects.requireNonNull(context, "context");
    until = List.copyOf(until);
    messages = messages == null ? null : List.copyOf(messages);
    if (maxTokens <= 0) {
      throw new IllegalArgumentException("maxTokens must be positive, got " + maxTokens);
    }
    if (temperature < 0 || !(topP > 0 && topP <= 1)) {
      throw new IllegalArgumentException("need temperature >= 0 and 0 < topP <= 1, got " + temperature + ", " + topP);
    }
  }

  /** A plain-text request (no chat messages). */
  public GenerationRequest(String context, List<String> until, int maxTokens, double temperature, double topP,
      long seed) {
    this(context, until, maxTokens, temperature, topP, seed, null);
  }

  /** True when this request asks for greedy decoding. */
  public boolean greedy() {
    return temperature == 0.0;
  }

  /** Cuts {@code text} before the earliest stop string, as every implementation must return it. */
  public String cutAtStop(String text) {
    int end = text.length();
    for (String s : until) {
      if (s.isEmpty()) {
        continue;
      }
      int i = text.indexOf(s);
      if (i >= 0 && i < end) {
        end = i;
      }
    }
    return text.substring(0, end);
  }
}
