package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;

/**
 * lm-eval's humaneval {@code create_test} filter: each completion becomes the program openai/human-eval executes,
 * {@code prompt + completion + "\n" + test + "\n" + "check(" + entry_point + ")"}.
 */
public final class HumanEvalProgram implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> out = new ArrayList<>(responses.size());
    for (String completion : responses) {
      out.add(program(doc, completion));
    }
    return out;
  }

  /** The program of one completion of problem {@code doc}. */
  public static String program(Doc doc, String completion) {
    return doc.text("prompt") + completion + "\n" + doc.text("test") + "\n" + "check(" + doc.text("entry_point") + ")";
  }
}
