package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;

/** lm-eval's {@code remove_whitespace} filter (TriviaQA, NQ-Open): each response with Python's {@code strip()}. */
public final class RemoveWhitespace implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> out = new ArrayList<>(responses.size());
    for (String r : responses) {
      out.add(PyStrings.strip(r));
    }
    return out;
  }
}
