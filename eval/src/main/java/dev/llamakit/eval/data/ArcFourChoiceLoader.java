package dev.llamakit.eval.data;

import dev.llamakit.eval.task.Doc;

/**
 * ARC as lm-eval's {@code arc_challenge_llama} (lm_eval/tasks/llama3) reads it: {@link ArcLetterLoader}'s documents
 * without those that do not have exactly 4 choices (Meta filtered those out; ARC-Challenge's test split has a few
 * with 3 or 5).
 */
public final class ArcFourChoiceLoader extends ArcLetterLoader {
  @Override
  protected boolean keep(Doc d) {
    return d.list("choices").size() == 4;
  }
}
