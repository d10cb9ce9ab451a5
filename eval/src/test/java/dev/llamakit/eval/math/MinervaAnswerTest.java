package dev.llamakit.eval.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.eval.extract.PyStrings;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Minerva's answer reading and normalisation against what lm-eval's {@code minerva_math/utils.py} (4e7e0d47f) returns
 * for the same inputs (the expected values were obtained by running its pure-Python functions
 * {@code get_unnormalized_answer}, {@code normalize_final_answer}, {@code last_boxed_only_string} and
 * {@code remove_boxed} on each input, and are written out here).
 */
class MinervaAnswerTest {
  @Test
  void normalizeFinalAnswerAsLmEval() {
    Map<String, String> golden = new LinkedHashMap<>();
    golden.put("$12$ inches", "12");
    golden.put("x = 5", "5");
    golden.put("\\frac12", "\\frac{1}{2}");
    golden.put("\\frac{3}{4}", "\\frac{3}{4}");
    golden.put("100,000", "100000");
    golden.put("1,000,003", "1000003");
    golden.put("\\text{(A)}", "(A)");
    golden.put("\\$5.50", "5.50");
    golden.put("$\\boxed{7}$", "7");
    golden.put("10^\\circ", "10");
    golden.put("\\sqrt2", "\\sqrt{2}");
    golden.put("a sequence", "sequence");
    golden.put("an answer", "answer");
    golden.put("5 \\text{ cm}", "5");
    golden.put("[2,5)", "[2,5)");
    golden.put("3\\text{ and }4", "34");
    golden.put("$x$ is $2$", "x");
    golden.put("\\textbf{B}", "B");
    golden.put("\\overline{AB}", "AB");
    golden.put("12 dollars", "12");
    golden.put("\\dfrac{1}{2}", "\\dfrac{1}{2}"); // not turned into \frac: Minerva's table has no dfrac rule
    golden.put("$-\\frac{2}{3}$", "-\\frac{2}{3}");
    golden.put("\\mbox{blue}", "blue");
    golden.put("49\\text{ square centimeters}", "49centi"); // "square" and "meters" are both in the removal table
    golden.forEach((in, out) -> assertEquals(out, MinervaAnswer.normalize(in), in));
  }

  @Test
  void finalAnswerLineIsReadAsLmEvalReadsIt() {
    assertEquals("$7$", MinervaAnswer.unnormalized(
        "The sum is 7.\nFinal Answer: The final answer is $7$. I hope it is correct."));
    assertEquals("$x=5$", MinervaAnswer.unnormalized(
        "So x is 5.\nFinal Answer: The final answer is $x=5$. I hope it is correct.\n\nProblem:"));
    assertEquals("5", MinervaAnswer.normalize("$x=5$"));
    // the closing sentence is appended before matching, so a response cut right after ". " still counts ...
    assertEquals("$\\frac{3}{4}$", MinervaAnswer.unnormalized("Final Answer: The final answer is $\\frac{3}{4}$. "));
    // ... but without the space before "I hope" nothing matches (lm-eval gives [invalidanswer] too)
    assertEquals(MinervaAnswer.INVALID, MinervaAnswer.unnormalized("Final Answer: The final answer is $\\frac{3}{4}$."));
    assertEquals(MinervaAnswer.INVALID, MinervaAnswer.unnormalized("Final Answer: The final answer is $\\frac{3}{4}$"));
    assertEquals(MinervaAnswer.INVALID, MinervaAnswer.unnormalized("I do not know."));
    // the first of two answers; the capture may not cross a line
    assertEquals("12 inches", MinervaAnswer.unnormalized("Final Answer: The final answer is 12 inches. I hope it is "
        + "correct. Final Answer: The final answer is 13. I hope it is correct."));
    assertEquals(MinervaAnswer.INVALID, MinervaAnswer.unnormalized("Final Answer: The final answer is\n7"));
  }

  @Test
  void boxedAnswersOfSolutions() {
    assertEquals("\\boxed{\\frac{3}{4}}", Boxed.lastBoxedOnly("gives $\\boxed{\\frac{3}{4}}$."));
    assertEquals("\\boxed{2}", Boxed.lastBoxedOnly("two boxes \\boxed{1} and \\boxed{2}"));
    assertEquals("\\boxed 5", Boxed.lastBoxedOnly("so $\\boxed 5$ and more"));
    assertEquals("5", Boxed.remove("\\boxed 5"));
    assertEquals("\\fbox{9}", Boxed.lastBoxedOnly("\\fbox{9}"));
    assertThrows(IllegalArgumentException.class, () -> Boxed.remove("\\fbox{9}")); // lm-eval's assertion fails too
    assertNull(Boxed.lastBoxedOnly("no box here"));
    assertNull(Boxed.lastBoxedOnly("\\boxed{open"));
    assertEquals("49centi", MinervaAnswer.reference("The area is $7^2 = \\boxed{49\\text{ square centimeters}}$."));
    assertEquals("100000", MinervaAnswer.reference("It is $\\boxed{100,000}$."));
    assertThrows(IllegalArgumentException.class, () -> MinervaAnswer.reference("no box"));
  }

  @Test
  void pythonStripAndIsdigit() {
    assertEquals("a b", PyStrings.strip("\u00a0\t a b \u202f\n"));
    assertEquals(true, PyStrings.isDigit("123"));
    assertEquals(true, PyStrings.isDigit("\u00b2")); // '²'.isdigit() is True in Python
    assertEquals(false, PyStrings.isDigit(""));
    assertEquals(false, PyStrings.isDigit("1.5"));
  }
}
