package dev.llamakit.eval.run;

import dev.llamakit.eval.sandbox.SandboxConfig;
import dev.llamakit.eval.task.ChatPrompt;

/**
 * Knobs of a run.
 *
 * @param numFewshot shots per prompt, or null for each task's default
 * @param limit documents per (sub)task, or null for all (lm-eval's {@code --limit}: the first N)
 * @param seed few-shot and sampling seed (lm-eval's default few-shot seed is 1234)
 * @param repeats samples per document of generation tasks, or null for the task's default
 * @param maxGenToks generation budget, or null for the task's default
 * @param batchSize documents per model call
 * @param sandbox limits of the code sandbox (HumanEval)
 * @param progress draw a progress bar with ETA on stderr
 * @param subset score only the documents of one contamination subset, or null for all
 * @param promptStyle plain text, a system instruction, or a chat template (lm-eval's {@code --apply_chat_template},
 *     {@code --fewshot_as_multiturn}, {@code --system_instruction})
 */
public record RunSettings(Integer numFewshot, Integer limit, long seed, Integer repeats, Integer maxGenToks,
    int batchSize, SandboxConfig sandbox, boolean progress, ContaminationSubset subset, ChatPrompt.Style promptStyle) {

  /** lm-eval's defaults: task shots, all documents, seed 1234. */
  public static RunSettings defaults() {
    return new RunSettings(null, null, 1234, null, null, 8, SandboxConfig.defaults(), true, null,
        ChatPrompt.Style.PLAIN);
  }

  public RunSettings withLimit(Integer l) {
    return new RunSettings(numFewshot, l, seed, repeats, maxGenToks, batchSize, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withNumFewshot(Integer n) {
    return new RunSettings(n, limit, seed, repeats, maxGenToks, batchSize, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withSeed(long s) {
    return new RunSettings(numFewshot, limit, s, repeats, maxGenToks, batchSize, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withRepeats(Integer r) {
    return new RunSettings(numFewshot, limit, seed, r, maxGenToks, batchSize, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withMaxGenToks(Integer m) {
    return new RunSettings(numFewshot, limit, seed, repeats, m, batchSize, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withBatchSize(int b) {
    return new RunSettings(numFewshot, limit, seed, repeats, maxGenToks, b, sandbox, progress, subset, promptStyle);
  }

  public RunSettings withSandbox(SandboxConfig s) {
    return new RunSettings(numFewshot, limit, seed, repeats, maxGenToks, batchSize, s, progress, subset, promptStyle);
  }

  public RunSettings withProgress(boolean p) {
    return new RunSettings(numFewshot, limit, seed, repeats, maxGenToks, batchSize, sandbox, p, subset, promptStyle);
  }

  /** Builds prompts in {@code style} (chat template, system instruction). */
  public RunSettings withPromptStyle(ChatPrompt.Style style) {
    return new RunSettings(numFewshot, limit, seed, repeats, maxGenToks, batchSize, sandbox, progress, subset, style);
  }

  /** Scores only the documents of this contamination subset ({@code --contamination FILE --subset S}). */
  public RunSettings withSubset(ContaminationSubset c) {
    return new RunSettings(numFewshot, limit, seed, repeats, maxGenToks, batchSize, sandbox, progress, c, promptStyle);
  }
}
