package dev.llamakit.eval.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A checked, compiled {@link TaskSpec}: renders lm-eval's few-shot context, answer choices and targets of documents.
 *
 * <p>Context = {@code description + Σ(text(shot) + target_delimiter + target(shot) + fewshot_delimiter) + text(doc)},
 * exactly lm-eval's {@code fewshot_context} for plain (non-chat) prompts.
 */
public final class Task {
  private static final Set<String> OUTPUT_TYPES = Set.of("multiple_choice", "generate_until");
  private static final Set<String> METRICS = Set.of("acc", "acc_norm", "exact_match", "pass_at_k",
      "prompt_level_strict_acc", "inst_level_strict_acc", "prompt_level_loose_acc", "inst_level_loose_acc");

  private final TaskSpec spec;
  private final String specHash;
  private final Template description;
  private final Template text;
  private final Template target;
  private final List<Doc> fixedShots;

  /** Compiles and checks {@code spec}; {@code origin} names the file in errors, {@code specHash} its content hash. */
  public Task(TaskSpec spec, String origin, String specHash) {
    this.spec = spec;
    this.specHash = specHash;
    String where = "task file " + origin + ": ";
    require(spec.task() != null && spec.version() != null, where + "needs 'task' and 'version'");
    require(OUTPUT_TYPES.contains(spec.outputType()),
        where + "output_type must be one of " + OUTPUT_TYPES + ", got " + spec.outputType());
    require(spec.dataset() != null && spec.dataset().loader() != null && spec.dataset().paths() != null,
        where + "needs dataset.loader and dataset.paths");
    require(spec.docToText() != null, where + "needs doc_to_text");
    require(spec.targetDelimiter() != null && spec.fewshotDelimiter() != null,
        where + "needs target_delimiter and fewshot_delimiter");
    require(spec.numFewshot() >= 0, where + "num_fewshot must be >= 0");
    require(spec.fewshot() != null && Set.of("first_n", "random").contains(spec.fewshot().sampler()),
        where + "fewshot.sampler must be first_n or random");
    require(spec.metrics() != null && !spec.metrics().isEmpty(), where + "needs at least one metric");
    for (TaskSpec.MetricSpec m : spec.metrics()) {
      require(METRICS.contains(m.metric()), where + "unknown metric '" + m.metric() + "'; known: " + METRICS);
    }
    if (spec.multipleChoice()) {
      require((spec.choices() == null) != (spec.choicesField() == null),
          where + "a multiple_choice task needs exactly one of 'choices' and 'choices_field'");
      require(spec.goldField() != null, where + "a multiple_choice task needs gold_field");
      require(!spec.partial() || spec.docToTarget() != null,
          where + "a partial_evaluation task needs doc_to_target (the continuation after each choice)");
      require(!spec.partial() || spec.metrics().stream().allMatch(m -> "acc".equals(m.metric())),
          where + "a partial_evaluation task supports only the acc metric");
    } else {
      require(!spec.partial(), where + "partial_evaluation applies to multiple_choice tasks only");
      require(spec.generation() != null, where + "a generate_until task needs 'generation'");
      require(spec.generation().repeats() >= 1 && spec.generation().maxGenToks() >= 1,
          where + "generation.repeats and generation.max_gen_toks must be >= 1");
    }
    try {
      this.description = Template.compile(spec.description() == null ? "" : spec.description());
      this.text = Template.compile(spec.docToText());
      this.target = spec.docToTarget() == null ? null : Template.compile(spec.docToTarget());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + e.getMessage(), e);
    }
    List<Doc> shots = new ArrayList<>();
    if (spec.fewshot().samples() != null) {
      for (Map<String, Object> s : spec.fewshot().samples()) {
        shots.add(new Doc("fewshot/" + shots.size(), shots.size(), s));
      }
    }
    this.fixedShots = List.copyOf(shots);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }

  public TaskSpec spec() {
    return spec;
  }

  public String name() {
    return spec.task();
  }

  public String version() {
    return spec.version();
  }

  /** SHA-256 of the task file; part of result keys, so editing a task never reuses stale results. */
  public String specHash() {
    return specHash;
  }

  /** Shots written into the task file (gsm8k_cot's exemplars), empty when shots come from a split. */
  public List<Doc> fixedShots() {
    return fixedShots;
  }

  /** The question text of {@code doc}; for a partial-evaluation task its gold choice (the context of a shot). */
  public String text(Doc doc) {
    return spec.partial() ? choices(doc).get(gold(doc)) : text.render(doc);
  }

  /** True when each choice is a context followed by one continuation ({@link TaskSpec#partialEvaluation()}). */
  public boolean partial() {
    return spec.partial();
  }

  /** The answer choices of {@code doc} (multiple choice). */
  public List<String> choices(Doc doc) {
    return spec.choices() != null ? spec.choices() : doc.list(spec.choicesField());
  }

  /** Index of the right choice (multiple choice). */
  public int gold(Doc doc) {
    int g = doc.integer(spec.goldField());
    List<String> c = choices(doc);
    if (g < 0 || g >= c.size()) {
      throw new IllegalArgumentException("doc " + doc.id() + ": gold index " + g + " outside " + c.size() + " choices");
    }
    return g;
  }

  /**
   * The answer as written after a shot, and the reference of generation tasks; for a partial-evaluation task the
   * continuation scored after every choice.
   */
  public String target(Doc doc) {
    if (spec.multipleChoice() && !spec.partial()) {
      return choices(doc).get(gold(doc));
    }
    if (target == null) {
      throw new IllegalStateException("task " + name() + " has no doc_to_target");
    }
    return target.render(doc);
  }

  /** The task description rendered for {@code doc} (empty when the task has none). */
  public String description(Doc doc) {
    return description.render(doc);
  }

  /**
   * The full prompt of {@code doc} after {@code shots}; for a partial-evaluation task only the description and the
   * shots (each choice of {@code doc} is appended to it by the scorer).
   */
  public String context(Doc doc, List<Doc> shots) {
    StringBuilder sb = new StringBuilder(description.render(doc));
    for (Doc s : shots) {
      sb.append(text(s)).append(spec.targetDelimiter()).append(target(s)).append(spec.fewshotDelimiter());
    }
    // lm-eval's multiple-input tasks: the context ends with the shots; each choice is appended per request
    return spec.partial() ? sb.toString() : sb.append(text(doc)).toString();
  }
}
