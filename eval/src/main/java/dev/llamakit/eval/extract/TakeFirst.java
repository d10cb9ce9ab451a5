package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.List;

/** lm-eval's {@code take_first}: keeps the first response (the first repeat). */
public final class TakeFirst implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    return responses.isEmpty() ? responses : List.of(responses.getFirst());
  }
}
