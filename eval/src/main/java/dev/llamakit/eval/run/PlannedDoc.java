package dev.llamakit.eval.run;

import dev.llamakit.eval.task.Doc;

/**
 * A document ready to score: its subtask, prompt and resume key.
 *
 * @param subtask result name, e.g. {@code mmlu_abstract_algebra} or {@code gsm8k_cot}
 * @param doc the document
 * @param context the full few-shot prompt
 * @param key resume key (SHA-256 of task, version, task-file hash, document id, model hash and settings)
 */
public record PlannedDoc(String subtask, Doc doc, String context, String key) {}
