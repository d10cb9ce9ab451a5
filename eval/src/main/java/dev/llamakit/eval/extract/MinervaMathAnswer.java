package dev.llamakit.eval.extract;

import dev.llamakit.eval.math.MinervaAnswer;
import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;

/**
 * lm-eval's {@code minerva_math} answer of a response ({@code process_results}): the text between
 * {@code Final Answer: The final answer is} and {@code . I hope it is correct.}, normalised by
 * {@code normalize_final_answer} ({@link MinervaAnswer}).
 */
public final class MinervaMathAnswer implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> out = new ArrayList<>(responses.size());
    for (String r : responses) {
      out.add(MinervaAnswer.normalize(MinervaAnswer.unnormalized(r)));
    }
    return out;
  }
}
