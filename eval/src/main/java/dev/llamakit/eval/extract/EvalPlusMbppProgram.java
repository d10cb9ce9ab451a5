package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;

/**
 * The stricter MBPP+ program ({@code mbpp_plus_extended}, not an lm-eval task): the row's {@code test_imports} lines,
 * the completion, and EvalPlus's extended {@code test} program (base and plus inputs with their expected outputs),
 * joined by newlines.
 */
public final class EvalPlusMbppProgram implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return program(doc, response);
  }

  /** The program of one completion of problem {@code doc}. */
  public static String program(Doc doc, String completion) {
    StringBuilder sb = new StringBuilder();
    for (String line : doc.list("test_imports")) {
      sb.append(line).append('\n');
    }
    return sb.append(completion).append('\n').append(doc.text("test")).toString();
  }
}
