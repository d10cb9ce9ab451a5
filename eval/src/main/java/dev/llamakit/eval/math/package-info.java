/**
 * Answers of competition mathematics (MATH / Minerva), read and normalised as lm-evaluation-harness's
 * {@code minerva_math} does (commit 4e7e0d47f): the boxed answer of a reference solution ({@link
 * dev.llamakit.eval.math.Boxed}), the {@code Final Answer: The final answer is ... I hope it is correct.} line of a
 * response and Minerva's {@code normalize_final_answer} ({@link dev.llamakit.eval.math.MinervaAnswer}, its tables in
 * {@code minerva-normalization.json}).
 *
 * <pre>{@code
 * MinervaAnswer.reference("... so $x = \\boxed{\\frac{1}{2}}$.")      // "\\frac{1}{2}"
 * MinervaAnswer.normalize(MinervaAnswer.unnormalized(
 *     "... Final Answer: The final answer is $12$ inches. I hope it is correct."))  // "12"
 * }</pre>
 *
 * <p>lm-eval decides equality with sympy ({@code is_equiv}: both answers parsed by {@code parse_latex}, equal when
 * {@code simplify(a - b) == 0}); {@link dev.llamakit.eval.math.latex} reproduces that without computer algebra.
 */
package dev.llamakit.eval.math;
