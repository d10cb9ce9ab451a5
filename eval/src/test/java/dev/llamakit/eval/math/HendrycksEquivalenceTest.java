package dev.llamakit.eval.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.eval.extract.HendrycksMathAnswer;
import org.junit.jupiter.api.Test;

/**
 * hendrycks_math's {@code is_equiv} and {@code strip_string} against lm-eval's (4e7e0d47f): each expected verdict and
 * normal form was obtained by running its pure-Python {@code hendrycks_math/utils.py} functions on the pair and is
 * written out here; {@code null} marks a normal form where the Python raises (then the raw strings are compared).
 */
class HendrycksEquivalenceTest {
  private static void check(String a, String b, boolean equivalent, String stripped) {
    assertEquals(equivalent, HendrycksEquivalence.equivalent(a, b), a + " vs " + b);
    if (stripped == null) {
      assertThrows(Exception.class, () -> HendrycksEquivalence.strip(a), a);
    } else {
      try {
        assertEquals(stripped, HendrycksEquivalence.strip(a), a);
      } catch (Exception e) {
        throw new AssertionError(a + " raised", e);
      }
    }
  }

  @Test
  void isEquivAsLmEval() {
    check("0.5", "\\frac{1}{2}", true, "\\frac{1}{2}");
    check("\\frac12", "\\frac{1}{2}", true, "\\frac{1}{2}");
    check("1/2", "\\frac{1}{2}", true, "\\frac{1}{2}");
    check("\\dfrac{3}{4}", "\\frac{3}{4}", true, "\\frac{3}{4}");
    check("x = 5", "5", true, "5");
    check("10^\\circ", "10", true, "10");
    check("5\\text{ cm}", "5", true, "5");
    check("\\$5", "5", true, "5");
    check(".5", "0.5", true, "\\frac{1}{2}");
    check("\\sqrt3", "\\sqrt{3}", true, "\\sqrt{3}");
    check("\\left( 1, 2 \\right)", "(1,2)", true, "(1,2)");
    check("50\\%", "50", true, "50");
    check("a/b", "\\frac{a}{b}", false, null);
    check("a/b", "a/b", true, null);
    check("\\frac", "\\frac", true, null);
    check("2\\text{ m}\\text{ s}", "2", false, null);
    check("\\sqrt", "\\sqrt", true, null);
    check("-0/5", "\\frac{-0}{5}", false, "-0/5");
    check("k=3", "3", true, "3");
    check("abc=3", "3", false, "abc=3");
    check("1 000", "1000", true, "1000");
    check("\\frac1{72}", "\\frac{1}{72}", true, "\\frac{1}{72}");
  }

  @Test
  void answerBetweenFirstAndLastDollar() {
    assertEquals("\\frac{1}{2}", HendrycksMathAnswer.answer(" The answer is $\\frac{1}{2}$."));
    assertEquals("x$ and $y", HendrycksMathAnswer.answer("$x$ and $y$"));
    assertEquals(" 12 $", HendrycksMathAnswer.answer(" 12 $"));
    assertEquals(" 12", HendrycksMathAnswer.answer(" 12"));
  }
}
