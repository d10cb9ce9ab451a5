/**
 * IFEval (Zhou et al. 2023) as lm-evaluation-harness scores it ({@code lm_eval/tasks/ifeval}, commit 4e7e0d47f): a
 * record's verifiable instructions ({@link dev.llamakit.eval.ifeval.Instructions}, the registry table
 * {@code instructions.txt}; one checker class per instruction id in {@code rules/}) bound to its {@code kwargs}
 * ({@link dev.llamakit.eval.ifeval.InstructionArgs}: false-y values dropped as lm-eval drops them), checked strictly
 * and loosely ({@link dev.llamakit.eval.ifeval.IfEvalCheck}), reported as lm-eval's four metrics
 * ({@link dev.llamakit.eval.ifeval.IfEvalMetrics}).
 *
 * <pre>{@code
 * List<Instruction> rules = IfEvalCheck.instructions(List.of("punctuation:no_comma", "keywords:existence"),
 *     List.of(Map.of(), Map.of("keywords", List.of("river"))));
 * IfEvalCheck c = IfEvalCheck.of(rules, "The river runs. No commas here");
 * c.strict();      // [true, true]
 * c.strictAll();   // prompt_level_strict_acc = 1
 * }</pre>
 *
 * <p>Where lm-eval leans on Python libraries, {@code text/} restates them; see each class for where results may
 * differ (punkt sentence counts, langdetect).
 */
package dev.llamakit.eval.ifeval;
