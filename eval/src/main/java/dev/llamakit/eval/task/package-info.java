/**
 * Tasks as data: each benchmark is a versioned JSON file under {@code dev/llamakit/eval/tasks/} (lm-eval's YAML
 * fields: {@code doc_to_text}, {@code target_delimiter}, {@code fewshot_delimiter}, {@code filter_list},
 * {@code metric_list}...), compiled into a {@link dev.llamakit.eval.task.Task} that renders prompts byte for byte as
 * lm-evaluation-harness does. A task may render its shots differently from the scored question
 * ({@code fewshot.doc_to_text/doc_to_target}, lm-eval's {@code fewshot_config}) and start the answer with a
 * {@code gen_prefix} (Meta's "The best answer is"), which {@link dev.llamakit.eval.task.ChatPrompt} keeps as the open
 * assistant turn of a chat template.
 *
 * <pre>{@code
 * Task mmlu = TaskRegistry.builtIn().get("mmlu");           // "mmlu_" -> "did you mean: mmlu?"
 * FewShotSampler shots = new FewShotSampler("first_n", dev, false, 1234); // one per (sub)task, docs in order
 * String prompt = mmlu.context(doc, shots.next(doc, 5));    // "...\nAnswer:"
 * List<String> choices = mmlu.choices(doc);                  // A, B, C, D (scored as " A" .. " D")
 * Task arc = TaskRegistry.builtIn().get("arc_challenge_llama");
 * List<Message> turns = ChatPrompt.messages(arc, doc, List.of(), null, false); // [user(question), assistant(prefix)]
 * String text = ChatPrompt.render(turns, m -> ChatTemplate.byName("llama3").render(m, true)); // ends "...The best answer is"
 * }</pre>
 */
package dev.llamakit.eval.task;
