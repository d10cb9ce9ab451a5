package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;

/**
 * lm-eval's humaneval {@code create_test} filter: each completion becomes the program openai/human-eval executes,
 * {@code prompt + completion + "\n" + test + "\n" + "check(" + entry_point + ")"}.
 */
public final class HumanEvalProgram implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return program(doc, response);
  }

  /** The program of one completion of problem {@code doc}. */
  public static String program(Doc doc, String completion) {
    return doc.text("prompt") + completion + "\n" + doc.text("test") + "\n" + "check(" + doc.text("entry_point") + ")";
  }
}
