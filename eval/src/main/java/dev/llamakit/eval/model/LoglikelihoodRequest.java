package dev.llamakit.eval.model;

import java.util.List;
import java.util.Objects;

/**
 * One context with the continuations to score after it (lm-eval's {@code (context, continuation)} pairs grouped by
 * context).
 *
 * @param context text before the continuations, with no trailing whitespace when built by {@link ContextSplit}
 * @param continuations candidate continuations, each scored independently given {@code context}
 */
public record LoglikelihoodRequest(String context, List<String> continuations) {
  public LoglikelihoodRequest {
    Objects.requireNonNull(context, "context");
    continuations = List.copyOf(continuations);
    if (continuations.isEmpty()) {
      throw new IllegalArgumentException("a log-likelihood request needs at least one continuation");
    }
  }
}
