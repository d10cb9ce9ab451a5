package dev.llamakit.eval.run;

import dev.llamakit.engine.chat.Message;
import dev.llamakit.eval.task.Doc;
import java.util.List;

/**
 * A document ready to score: its subtask, prompt and resume key.
 *
 * @param subtask result name, e.g. {@code mmlu_abstract_algebra} or {@code gsm8k_cot}
 * @param doc the document
 * @param context the full few-shot prompt
 * @param key resume key (SHA-256 of task, version, task-file hash, document id, model hash and settings)
 * @param messages with a chat template, the conversation {@code context} renders; null for a plain prompt
 */
public record PlannedDoc(String subtask, Doc doc, String context, String key, List<Message> messages) {
  public PlannedDoc {
    messages = messages == null ? null : List.copyOf(messages);
  }

  /** A plain-text prompt. */
  public PlannedDoc(String subtask, Doc doc, String context, String key) {
    this(subtask, doc, context, key, null);
  }
}
