package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;

/** lm-eval's {@code remove_whitespace} filter (TriviaQA, NQ-Open): each response with Python's {@code strip()}. */
public final class RemoveWhitespace implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return PyStrings.strip(response);
  }
}
