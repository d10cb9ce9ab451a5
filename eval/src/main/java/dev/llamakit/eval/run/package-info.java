/**
 * Runs: plans each task's documents and prompts ({@link dev.llamakit.eval.run.TaskPlan}), asks the model in batches,
 * scores each document ({@link dev.llamakit.eval.run.DocScorer}), appends every result to a resumable log and writes
 * lm-eval's results.json, per-task samples files and a Markdown summary.
 *
 * <pre>{@code
 * RunSettings s = RunSettings.defaults().withLimit(100);
 * Harness h = new Harness(model, dataDir, Path.of("runs/llama-3.2-1b"), s, System.err);
 * Harness.Outcome o = h.run(List.of(registry.get("mmlu"), registry.get("gsm8k_cot")));
 * o.results().at("/results/mmlu/acc,none");            // micro; "acc_macro,none" is Meta's macro
 * }</pre>
 * Interrupt and rerun the same command: documents whose key is in {@code progress.jsonl} are not asked again.
 */
package dev.llamakit.eval.run;
