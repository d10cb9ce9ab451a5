package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;

/**
 * lm-eval's {@code hendrycks_math} answer of a response ({@code process_results}): the text between its first and
 * last {@code $} when it holds two or more, else the whole response.
 */
public final class HendrycksMathAnswer implements FilterStep.EachResponse {
  @Override
  public String applyOne(Doc doc, String response) {
    return answer(response);
  }

  /** The answer of one response. */
  public static String answer(String r) {
    int first = r.indexOf('$');
    int last = r.lastIndexOf('$');
    return first < 0 || first == last ? r : r.substring(first + 1, last);
  }
}
