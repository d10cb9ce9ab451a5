/**
 * Tasks as data: each benchmark is a versioned JSON file under {@code dev/llamakit/eval/tasks/} (lm-eval's YAML
 * fields: {@code doc_to_text}, {@code target_delimiter}, {@code fewshot_delimiter}, {@code filter_list},
 * {@code metric_list}...), compiled into a {@link dev.llamakit.eval.task.Task} that renders prompts byte for byte as
 * lm-evaluation-harness does.
 *
 * <pre>{@code
 * Task mmlu = TaskRegistry.builtIn().get("mmlu");           // "mmlu_" -> "did you mean: mmlu?"
 * FewShotSampler shots = new FewShotSampler("first_n", dev, false, 1234); // one per (sub)task, docs in order
 * String prompt = mmlu.context(doc, shots.next(doc, 5));    // "...\nAnswer:"
 * List<String> choices = mmlu.choices(doc);                  // A, B, C, D (scored as " A" .. " D")
 * }</pre>
 */
package dev.llamakit.eval.task;
