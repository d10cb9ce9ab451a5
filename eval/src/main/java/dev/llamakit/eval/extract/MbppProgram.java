package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.List;

/**
 * The program HF {@code code_eval} runs for lm-eval's {@code mbpp} (and {@code mbpp_plus}): the completion, a newline,
 * and the reference, which is the doc's first three {@code test_list} asserts joined by newlines (lm-eval's
 * {@code doc_to_target} of a scored doc).
 */
public final class MbppProgram implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return program(doc, response);
  }

  /** The program of one completion of problem {@code doc}. */
  public static String program(Doc doc, String completion) {
    List<String> tests = doc.list("test_list");
    if (tests.size() < 3) {
      throw new IllegalArgumentException("doc " + doc.id() + ": test_list holds " + tests.size()
          + " asserts, lm-eval's mbpp template reads three");
    }
    return completion + "\n" + tests.get(0) + "\n" + tests.get(1) + "\n" + tests.get(2);
  }
}
