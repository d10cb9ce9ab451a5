package dev.llamakit.eval.metric;

import java.util.List;

/**
 * lm-eval's multiple-choice scoring: {@code acc} = argmax of the log-likelihoods is the gold choice; {@code acc_norm}
 * = argmax of log-likelihood divided by the choice's length in characters (the choice text without the target
 * delimiter). Ties go to the first choice, as {@code numpy.argmax}.
 */
public final class MultipleChoice {
  private MultipleChoice() {}

  /** Index of the largest value (first on ties). */
  public static int argmax(double[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }

  /** 1.0 when the most likely choice is {@code gold}. */
  public static double acc(double[] loglikelihoods, int gold) {
    return argmax(loglikelihoods) == gold ? 1.0 : 0.0;
  }

  /** 1.0 when the most likely choice per character is {@code gold}. */
  public static double accNorm(double[] loglikelihoods, List<String> choices, int gold) {
    double[] norm = new double[loglikelihoods.length];
    for (int i = 0; i < norm.length; i++) {
      norm[i] = loglikelihoods[i] / choices.get(i).length();
    }
    return argmax(norm) == gold ? 1.0 : 0.0;
  }
}
