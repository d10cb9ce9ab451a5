package dev.llamakit.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Metric arithmetic checked against sums done by hand. */
class MetricsTest {
  @Test
  void passAtKMatchesTheBinomialFormula() {
    // n=5, c=2, k=2: 1 - C(3,2)/C(5,2) = 1 - 3/10
    assertEquals(0.7, PassAtK.estimate(5, 2, 2), 1e-12);
    // n=10, c=3, k=1: c/n
    assertEquals(0.3, PassAtK.estimate(10, 3, 1), 1e-12);
    // n=10, c=3, k=5: 1 - C(7,5)/C(10,5) = 1 - 21/252
    assertEquals(1 - 21.0 / 252, PassAtK.estimate(10, 3, 5), 1e-12);
    // n - c < k: certain
    assertEquals(1.0, PassAtK.estimate(10, 8, 3));
    assertEquals(0.0, PassAtK.estimate(200, 0, 100));
    // large n stays finite: 1 - C(190,100)/C(200,100) computed as a product
    double p = PassAtK.estimate(200, 10, 100);
    assertEquals(1 - binomialRatio(190, 200, 100), p, 1e-12);
    assertThrows(IllegalArgumentException.class, () -> PassAtK.estimate(3, 1, 5));
  }

  /** C(a,k)/C(b,k) as a product of k ratios (a<b), a second way to the same number. */
  private static double binomialRatio(int a, int b, int k) {
    double r = 1;
    for (int i = 0; i < k; i++) {
      r *= (double) (a - i) / (b - i);
    }
    return r;
  }

  @Test
  void microWeighsQuestionsMacroWeighsSubjects() {
    // subject A: 1/1 right, B: 1/2, C: 3/5
    List<Stats.Part> parts = List.of(new Stats.Part(1.0, Double.NaN, 1), new Stats.Part(0.5, 0.5, 2),
        new Stats.Part(0.6, Math.sqrt(0.3 / 5), 5));
    assertEquals(5.0 / 8, Stats.micro(parts), 1e-12);
    assertEquals((1.0 + 0.5 + 0.6) / 3, Stats.macro(parts), 1e-12);
  }

  @Test
  void stderrIsTheSampleStandardDeviationOverRootN() {
    // values 1,0,1,1: mean .75, sample var = (3*.0625 + .5625)/3 = .25, stderr = .5/2
    assertEquals(0.25, Stats.stderr(new double[] {1, 0, 1, 1}), 1e-12);
    assertEquals(Double.NaN, Stats.stderr(new double[] {1}));
    // pooled: sizes 4 and 4 with stderr .25 each: ((3*.0625*4)*2)/(8-2)/8 = .03125 -> sqrt
    assertEquals(Math.sqrt(0.03125), Stats.pooledStderr(List.of(new Stats.Part(.75, .25, 4),
        new Stats.Part(.75, .25, 4))), 1e-12);
  }

  @Test
  void multipleChoiceAccAndCharacterNormalisedAcc() {
    double[] ll = {-4.0, -6.0, -9.0};
    List<String> choices = List.of("a", "bbb", "cccccc");
    assertEquals(1.0, MultipleChoice.acc(ll, 0));
    // per character: -4, -2, -1.5 -> the longest answer wins
    assertEquals(1.0, MultipleChoice.accNorm(ll, choices, 2));
    assertEquals(0.0, MultipleChoice.accNorm(ll, choices, 0));
    assertEquals(0, MultipleChoice.argmax(new double[] {-1, -1}), "ties go to the first, as numpy");
  }

  @Test
  void exactMatchAppliesIgnoredRegexesThenCase() {
    ExactMatch em = new ExactMatch(List.of(",", "\\$", "(?s).*#### ", "\\.$"), true, false);
    assertEquals("1000", em.normalize("$1,000."));
    assertEquals(1.0, em.score("ABC", "abc"));
    assertEquals(0.0, new ExactMatch(List.of(), false, false).score("ABC", "abc"));
    assertEquals(1.0, new ExactMatch(List.of(), false, true).score("a.b!", "ab"));
  }
}
