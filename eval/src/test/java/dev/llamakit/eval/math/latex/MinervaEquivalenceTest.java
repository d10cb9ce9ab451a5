package dev.llamakit.eval.math.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.eval.math.MinervaAnswer;
import dev.llamakit.eval.math.latex.MinervaEquivalence.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Golden verdicts of lm-eval's minerva_math {@code is_equiv} ({@code minerva-equivalence-golden.tsv}): they were
 * computed by running sympy 1.14.0's {@code parse_latex} and {@code simplify(a - b) == 0} on this machine (the file's
 * header says how), not reasoned by hand.
 */
class MinervaEquivalenceTest {
  /** Pairs sympy decides by evaluating a form this class leaves to string equality: the one known divergence. */
  private static final Set<String> UNSUPPORTED_DIVERGENCES = Set.of("\\frac{d}{dx}x\t1",
      "\\sin^{-1} x\t\\arcsin x");

  private record Golden(boolean verdict, String a, String b) {}

  private static List<Golden> golden() throws IOException {
    List<Golden> out = new ArrayList<>();
    for (String[] f : rows("minerva-equivalence-golden.tsv")) {
      out.add(new Golden(f[0].equals("1"), f[1], f[2]));
    }
    return out;
  }

  /** The tab-separated rows of a golden file, {@code #} comment lines left out. */
  private static List<String[]> rows(String name) throws IOException {
    try (InputStream in = MinervaEquivalenceTest.class.getResourceAsStream("/dev/llamakit/eval/math/" + name)) {
      List<String[]> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.startsWith("#") && !line.isBlank()) {
          out.add(line.split("\t", -1));
        }
      }
      return out;
    }
  }

  @Test
  void reproducesSympyVerdictsOnTheGoldenPairs() throws IOException {
    List<Golden> rows = golden();
    assertTrue(rows.size() > 140, "golden rows: " + rows.size());
    List<String> wrong = new ArrayList<>();
    List<String> divergent = new ArrayList<>();
    for (Golden g : rows) {
      MinervaEquivalence.Verdict v = MinervaEquivalence.decide(g.a(), g.b());
      if (v.equivalent() != g.verdict()) {
        if (v.reason() == Reason.UNSUPPORTED) {
          divergent.add(g.a() + "\t" + g.b());
        } else {
          wrong.add(g.a() + " vs " + g.b() + ": sympy " + g.verdict() + ", here " + v);
        }
      }
      // is_equiv is symmetric in its verdict
      assertEquals(v.equivalent(), MinervaEquivalence.equivalent(g.b(), g.a()), g.a() + " vs " + g.b());
    }
    assertEquals(List.of(), wrong);
    assertEquals(UNSUPPORTED_DIVERGENCES, Set.copyOf(divergent));
  }

  @Test
  void reproducesLmEvalOnRawAnswersThroughMinervasNormalisation() throws IOException {
    List<String[]> rows = rows("minerva-pipeline-golden.tsv");
    assertTrue(rows.size() >= 80, "golden rows: " + rows.size());
    List<String> wrong = new ArrayList<>();
    for (String[] r : rows) {
      String a = MinervaAnswer.normalize(r[1]);
      String b = MinervaAnswer.normalize(r[2]);
      assertEquals(r[3], a, r[1]);
      assertEquals(r[4], b, r[2]);
      MinervaEquivalence.Verdict v = MinervaEquivalence.decide(a, b);
      if (v.equivalent() != r[0].equals("1")) {
        wrong.add(r[1] + " vs " + r[2] + " (" + a + " vs " + b + "): lm-eval " + r[0] + ", here " + v);
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void reproducesSympyOnRandomPairs() throws IOException {
    assertEquals(java.util.Map.of("decimal", 25), divergences("minerva-random-golden.tsv", 300));
  }

  @Test
  void reproducesSympyOnRandomPairsWithFunctions() throws IOException {
    // a factorial of a decimal (sympy's gamma: left to string equality here) and sympy's zoo arithmetic
    // (a / (b / 0) is 0 for sympy; any division by zero scores 0 here)
    assertEquals(java.util.Map.of("decimal", 0, "unsupported", 1, "zoo", 1),
        divergences("minerva-random-functions-golden.tsv", 200));
  }

  /** The golden rows this class decides otherwise, counted by known kind (any other kind fails the test). */
  private static java.util.Map<String, Integer> divergences(String file, int size) throws IOException {
    List<String[]> rows = rows(file);
    assertEquals(size, rows.size());
    List<String> wrong = new ArrayList<>();
    java.util.Map<String, Integer> kinds = new java.util.TreeMap<>();
    kinds.put("decimal", 0);
    for (String[] r : rows) {
      MinervaEquivalence.Verdict v = MinervaEquivalence.decide(r[1], r[2]);
      if (v.equivalent() != r[0].equals("1")) {
        // decimals combined with symbols, radicals or each other, where sympy's verdict hangs on the rounding of its
        // Float arithmetic (a residue of ~1e-15 left by simplify); here within the 1e-9 tolerance
        if (r[0].equals("0") && (r[1] + r[2]).matches(".*[0-9]\\.[0-9].*")
            && (v.reason() == Reason.NUMERIC || v.reason() == Reason.FLOAT)) {
          kinds.merge("decimal", 1, Integer::sum);
        } else if (v.reason() == Reason.UNSUPPORTED) {
          kinds.merge("unsupported", 1, Integer::sum);
        } else if (v.reason() == Reason.UNDEFINED && r[0].equals("1")) {
          kinds.merge("zoo", 1, Integer::sum);
        } else {
          wrong.add(r[1] + " vs " + r[2] + ": sympy " + r[0] + ", here " + v);
        }
      }
    }
    assertEquals(List.of(), wrong);
    return kinds;
  }

  @Test
  void reasonsNameHowEachVerdictWasReached() {
    assertEquals(Reason.EXACT, MinervaEquivalence.decide("\\dfrac{1}{2}", "\\frac12").reason());
    assertEquals(Reason.FLOAT, MinervaEquivalence.decide("0.75", "\\frac{3}{4}").reason());
    assertEquals(Reason.NUMERIC, MinervaEquivalence.decide("2\\sqrt{2}", "\\sqrt{8}").reason());
    assertEquals(Reason.NUMERIC, MinervaEquivalence.decide("x+1", "1+x").reason());
    assertEquals(Reason.NOT_PARSED, MinervaEquivalence.decide("[0,1)", "[0,1)").reason());
    assertEquals(Reason.RELATION, MinervaEquivalence.decide("x=5", "x=5").reason());
    assertEquals(Reason.UNDEFINED, MinervaEquivalence.decide("\\infty", "\\infty").reason());
    assertEquals(Reason.NUMERIC, MinervaEquivalence.decide("\\sin x", "\\sin x").reason());
    assertEquals(Reason.UNSUPPORTED, MinervaEquivalence.decide("\\arcsin x", "\\arcsin x").reason());
    assertEquals(Reason.UNSUPPORTED, MinervaEquivalence.decide("n!", "n!").reason());
    assertEquals(Reason.EXACT, MinervaEquivalence.decide("\\binom{5}{2}", "10").reason());
  }

  @Test
  void anyTextGetsAVerdictWithoutThrowing() {
    // model answers are arbitrary text: random strings over the grammar's tokens, symmetric verdicts, no exception
    String[] pieces = {"\\frac", "\\sqrt", "{", "}", "(", ")", "[", "]", "|", "^", "_", "!", "+", "-", "\\cdot", "/",
        "x", "y", "\\pi", "2", "0", "9", ".", ",", "=", "\\infty", "\\binom", "\\sin", "\\left", "'", " ", "\\%",
        "\\text", "d", "10^{4000}", ":", "\\log_2", "f(", "\\cos^2", "\\arcsin", "\\lfloor"};
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      for (int n = random.nextInt(1, 12); n > 0; n--) {
        a.append(pieces[random.nextInt(pieces.length)]);
        b.append(pieces[random.nextInt(pieces.length)]);
      }
      String x = a.toString();
      String y = random.nextBoolean() ? b.toString() : x;
      assertEquals(MinervaEquivalence.equivalent(x, y), MinervaEquivalence.equivalent(y, x), x + " vs " + y);
    }
    assertFalse(MinervaEquivalence.equivalent("(".repeat(200_000) + "1", "1"), "too deep: 0, as sympy's RecursionError");
    // nested calls that never close make backtracking exponential: cut off as lm-eval's alarm would
    assertEquals(Reason.TIMEOUT, MinervaEquivalence.decide("x(".repeat(40) + "1", "1").reason());
    assertTrue(MinervaEquivalence.equivalent("2^{65536}", "2^{65536}"));
    assertFalse(MinervaEquivalence.equivalent("2^{65536}", "2^{65536}+1"));
  }

  @Test
  void numericComparisonSeparatesCloseButDifferentValues() {
    // differ by 1e-7 relative: beyond the 1e-9 tolerance
    assertFalse(MinervaEquivalence.equivalent("\\sqrt{2}", "\\sqrt{2.0000004}"));
    assertFalse(MinervaEquivalence.equivalent("x^2", "x^2+0.000001"));
    // an identity only on the positive reals is not one for sympy's complex symbols
    assertFalse(MinervaEquivalence.equivalent("\\sqrt{x^2}", "x"));
    assertTrue(MinervaEquivalence.equivalent("\\frac{(x+1)^3}{x+1}", "x^2+2x+1"));
  }
}
