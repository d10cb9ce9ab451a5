/**
 * lm-eval's {@code minerva_math} answer equivalence without computer algebra: {@code is_equiv} parses both normalised
 * answers with sympy's {@code parse_latex} and scores 1 when {@code sympy.simplify(a - b) == 0}. This package reads
 * the same LaTeX subset the way sympy 1.14's ANTLR grammar does ({@code LatexLexer}, {@code LatexParser}: what fails
 * there scores 0, e.g. intervals, tuples, {@code \sqrt2}, {@code 10\%}), then decides the difference is zero by exact
 * fractions, by 53-bit floats where a decimal is involved (sympy's {@code Float}), or by evaluation at seeded complex
 * points for symbols and radicals ({@code MinervaEquivalence} says exactly how and where it can differ from sympy).
 *
 * <pre>{@code
 * MinervaEquivalence.equivalent("0.75", "\\frac{3}{4}");       // true
 * MinervaEquivalence.equivalent("2\\sqrt{2}", "\\sqrt{8}");    // true
 * MinervaEquivalence.equivalent("[0,1)", "[0,1)");             // false: parse_latex rejects it
 * MinervaEquivalence.decide("x=5", "x=5").reason();            // RELATION
 * }</pre>
 *
 * <p>Golden verdicts: {@code src/test/resources/dev/llamakit/eval/math/minerva-equivalence-golden.tsv}, computed with
 * sympy 1.14.0 itself.
 */
package dev.llamakit.eval.math.latex;
