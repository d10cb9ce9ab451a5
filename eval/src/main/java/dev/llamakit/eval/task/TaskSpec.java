package dev.llamakit.eval.task;

import java.util.List;
import java.util.Map;

/**
 * A benchmark task as written in its resource file ({@code dev/llamakit/eval/tasks/NAME.json}), lm-eval's YAML
 * fields in JSON.
 *
 * @param task registry name
 * @param version task version; part of every result key
 * @param about one paragraph on what the task measures and how
 * @param dataset where the documents come from
 * @param groupBy field whose values split the task into subtasks named {@code task_value} (MMLU subjects), or null
 * @param groupTable resource mapping each subtask value to a category ({@code mmlu_subjects.json}), or null
 * @param outputType {@code multiple_choice} or {@code generate_until}
 * @param description text before the shots (a template)
 * @param docToText question template
 * @param docToTarget answer template for generation tasks (shots and gold)
 * @param choices literal answer choices of multiple-choice tasks (MMLU's A-D), or null
 * @param choicesField field holding each doc's answer choices, when not literal
 * @param goldField integer field holding the index of the right choice
 * @param targetDelimiter between question and answer (lm-eval's {@code target_delimiter}, " ")
 * @param fewshotDelimiter between shots (lm-eval's {@code fewshot_delimiter}, "\n\n")
 * @param numFewshot default number of shots
 * @param fewshot how shots are chosen
 * @param generation decoding settings of generation tasks
 * @param filters named answer-extraction pipelines (lm-eval's {@code filter_list}); none means filter {@code none}
 * @param metrics metrics computed per document and averaged
 * @param partialEvaluation lm-eval's multiple-input multiple choice (WinoGrande): the choices are contexts, each scored
 *     with the one continuation {@code target_delimiter + doc_to_target}; a shot reads {@code gold choice +
 *     target_delimiter + doc_to_target}; {@code doc_to_text} is unused (lm-eval's returns the gold index). Null means
 *     false
 */
public record TaskSpec(
    String task,
    String version,
    String about,
    DatasetSpec dataset,
    String groupBy,
    String groupTable,
    String outputType,
    String description,
    String docToText,
    String docToTarget,
    List<String> choices,
    String choicesField,
    String goldField,
    String targetDelimiter,
    String fewshotDelimiter,
    int numFewshot,
    FewshotSpec fewshot,
    GenerationSpec generation,
    List<FilterSpec> filters,
    List<MetricSpec> metrics,
    Boolean partialEvaluation) {

  /** Where documents come from: a loader name, candidate paths under the data folder, and split names. */
  public record DatasetSpec(String loader, List<String> paths, String testSplit, String fewshotSplit) {}

  /**
   * Shot selection: {@code first_n} or {@code random}, from a split or from fixed {@code samples}; {@code docToTarget}
   * (lm-eval's {@code fewshot_config.doc_to_target}, null = the task's) is the answer written after a shot, where it
   * differs from the reference scored (MBPP's code + {@code [DONE]}, Minerva's full solution).
   */
  public record FewshotSpec(String sampler, List<Map<String, Object>> samples, String docToTarget) {}

  /** lm-eval's {@code generation_kwargs} plus {@code repeats}. */
  public record GenerationSpec(List<String> until, int maxGenToks, double temperature, double topP, int repeats) {}

  /** A named extraction pipeline, e.g. {@code strict-match}. */
  public record FilterSpec(String name, List<StepSpec> steps) {}

  /** One filter step: a function name and its arguments. */
  public record StepSpec(String function, String pattern, Integer groupSelect, String fallback) {}

  /** A metric and its options. */
  public record MetricSpec(String metric, Boolean ignoreCase, Boolean ignorePunctuation, List<String> regexesToIgnore,
      List<Integer> k) {}

  /** True for multiple-input tasks whose context varies by choice ({@link #partialEvaluation()}). */
  public boolean partial() {
    return Boolean.TRUE.equals(partialEvaluation);
  }

  /** True for log-likelihood tasks. */
  public boolean multipleChoice() {
    return "multiple_choice".equals(outputType);
  }
}
