package dev.llamakit.eval.extract;

import dev.llamakit.eval.math.MinervaAnswer;
import dev.llamakit.eval.task.Doc;

/**
 * lm-eval's {@code minerva_math} answer of a response ({@code process_results}): the text between
 * {@code Final Answer: The final answer is} and {@code . I hope it is correct.}, normalised by
 * {@code normalize_final_answer} ({@link MinervaAnswer}).
 */
public final class MinervaMathAnswer implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return MinervaAnswer.normalize(MinervaAnswer.unnormalized(response));
  }
}
