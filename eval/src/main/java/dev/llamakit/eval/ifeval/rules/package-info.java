/**
 * One class per IFEval instruction id (lm-eval {@code instructions.py}): each takes its
 * {@link dev.llamakit.eval.ifeval.InstructionArgs} in its constructor (refusing a missing or bad argument, where
 * lm-eval would draw a random one) and implements {@link dev.llamakit.eval.ifeval.Instruction#follows}. Regular
 * expressions keep Python's meaning ({@code Patterns}: {@code \n} the only line end, Unicode case folding; Python's
 * whitespace class for {@code \s}). The ids and classes are listed in {@code ifeval/instructions.txt}.
 *
 * <pre>{@code
 * Instruction words = new NumberWords(new InstructionArgs("length_constraints:number_words",
 *     Map.of("num_words", 3, "relation", "less than")));
 * words.follows("two words");   // true
 * }</pre>
 */
package dev.llamakit.eval.ifeval.rules;
