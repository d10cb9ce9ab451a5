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
  private static final Set<String> METRICS = Set.of("acc", "acc_norm", "exact_match", "pass_at_k", "pass_at_1",
      "hendrycks_math_equiv", "minerva_math_equiv", "prompt_level_strict_acc", "inst_level_strict_acc", "prompt_level_loose_acc",
      "inst_level_loose_acc");

  private final TaskSpec spec;
  private final String specHash;
  private final Template description;
  private final Template text;
  private final Template target;
  private final Template shotText;
  private final Template shotTarget;
  private final Template genPrefix;
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
    require(spec.genPrefix() == null || !spec.multipleChoice(), where + "gen_prefix is supported on generate_until "
        + "tasks only (lm-eval's multiple-choice delimiter rule for it is not implemented)");
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
      this.shotText = spec.fewshot().docToText() == null ? null : Template.compile(spec.fewshot().docToText());
      this.shotTarget = spec.fewshot().docToTarget() == null ? null : Template.compile(spec.fewshot().docToTarget());
      this.genPrefix = spec.genPrefix() == null ? null : Template.compile(spec.genPrefix());
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
    List<String> many = listTarget(doc);
    // lm-eval's build_qa_turn writes a[0] of a list target after a shot
    return many != null ? many.getFirst() : target.render(doc);
  }

  /**
   * Every reference of {@code doc}: the elements of a list field when {@code doc_to_target} is just {@code {{field}}}
   * naming one (lm-eval's multiple targets, TriviaQA's aliases: a response is right when it matches any), else the
   * one {@link #target}.
   */
  public List<String> targets(Doc doc) {
    List<String> many = listTarget(doc);
    return many != null ? many : List.of(target(doc));
  }

  private List<String> listTarget(Doc doc) {
    String f = target == null ? null : target.singleField();
    if (f == null || !(doc.fields().get(f) instanceof List<?>)) {
      return null;
    }
    List<String> l = doc.list(f);
    if (l.isEmpty()) {
      throw new IllegalArgumentException("doc " + doc.id() + ": field '" + f + "' holds no reference");
    }
    return l;
  }

  /** The task description rendered for {@code doc} (empty when the task has none). */
  public String description(Doc doc) {
    return description.render(doc);
  }

  /** The question text of a shot: the few-shot config's {@code doc_to_text} when it has one, else {@link #text}. */
  public String shotText(Doc shot) {
    return shotText != null && !spec.partial() ? shotText.render(shot) : text(shot);
  }

  /** The answer written after a shot: the few-shot config's {@code doc_to_target} when it has one, else {@link #target}. */
  public String shotTarget(Doc shot) {
    return shotTarget != null ? shotTarget.render(shot) : target(shot);
  }

  /** lm-eval's {@code gen_prefix} rendered for {@code doc}, or null when the task has none. */
  public String genPrefix(Doc doc) {
    return genPrefix == null ? null : genPrefix.render(doc);
  }

  /**
   * The full prompt of {@code doc} after {@code shots}; for a partial-evaluation task only the description and the
   * shots (each choice of {@code doc} is appended to it by the scorer). With a {@code gen_prefix} the prompt ends with
   * it, after the target delimiter unless either side has whitespace there (lm-eval's {@code build_qa_turn}).
   */
  public String context(Doc doc, List<Doc> shots) {
    StringBuilder sb = new StringBuilder(description.render(doc));
    for (Doc s : shots) {
      String q = shotText(s);
      String prefix = genPrefix(s);
      sb.append(q).append(questionDelimiter(q, prefix, true))
          .append(answerWithPrefix(prefix, shotTarget(s))).append(spec.fewshotDelimiter());
    }
    // lm-eval's multiple-input tasks: the context ends with the shots; each choice is appended per request
    if (spec.partial()) {
      return sb.toString();
    }
    String q = text(doc);
    String prefix = genPrefix(doc);
    sb.append(q);
    if (prefix != null && !prefix.isEmpty()) {
      sb.append(questionDelimiter(q, prefix, false)).append(prefix);
    }
    return sb.toString();
  }

  /**
   * What follows a question (lm-eval's {@code build_qa_turn}): the target delimiter before an answer without
   * gen_prefix; with a gen_prefix the delimiter only when neither side has whitespace at the join; nothing otherwise.
   */
  public String questionDelimiter(String question, String genPrefix, boolean hasAnswer) {
    if (genPrefix == null || genPrefix.isEmpty()) {
      return hasAnswer ? spec.targetDelimiter() : "";
    }
    return ChatPrompt.requiresDelimiter(question, genPrefix) ? spec.targetDelimiter() : "";
  }

  /** A shot's answer behind the gen_prefix, joined by a space where needed (lm-eval's {@code maybe_delimit}). */
  public static String answerWithPrefix(String genPrefix, String answer) {
    return ChatPrompt.maybeDelimit(genPrefix, answer, " ");
  }
}
