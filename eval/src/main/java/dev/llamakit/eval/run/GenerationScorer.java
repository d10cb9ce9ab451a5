package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.eval.extract.FilterPipeline;
import dev.llamakit.eval.math.HendrycksEquivalence;
import dev.llamakit.eval.math.latex.MinervaEquivalence;
import dev.llamakit.eval.ifeval.IfEvalCheck;
import dev.llamakit.eval.ifeval.IfEvalMetrics;
import dev.llamakit.eval.metric.ExactMatch;
import dev.llamakit.eval.metric.PassAtK;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.sandbox.ExecutionResult;
import dev.llamakit.eval.sandbox.Sandbox;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Scores generation documents: {@code repeats} requests per document (seeded per document and repeat), each named
 * filter pipeline over the responses, then exact match against the target or, for code tasks, execution of every
 * program in the sandbox and the unbiased pass@k.
 */
public final class GenerationScorer implements DocScorer {
  private static final int KEEP_OUTPUT = 2000;

  private final Task task;
  private final TaskPlan plan;
  private final long seed;
  private final List<FilterPipeline> filters;
  private final Map<TaskSpec.MetricSpec, ExactMatch> exactMatch = new HashMap<>();
  private final Supplier<Sandbox> sandbox;

  /** {@code sandbox} is asked for only when a code task runs. */
  public GenerationScorer(TaskPlan plan, long seed, Supplier<Sandbox> sandbox) {
    this.task = plan.task();
    this.plan = plan;
    this.seed = seed;
    this.sandbox = sandbox;
    List<FilterPipeline> f = new ArrayList<>();
    for (TaskSpec.FilterSpec s : task.spec().filters()) {
      f.add(FilterPipeline.of(s, plan.repeats()));
    }
    this.filters = List.copyOf(f);
    for (TaskSpec.MetricSpec m : task.spec().metrics()) {
      if ("exact_match".equals(m.metric())) {
        exactMatch.put(m, new ExactMatch(m.regexesToIgnore(), Boolean.TRUE.equals(m.ignoreCase()),
            Boolean.TRUE.equals(m.ignorePunctuation())));
      }
    }
  }

  /** The requests of one planned document, one per repeat. */
  public List<GenerationRequest> requests(PlannedDoc p) {
    TaskSpec.GenerationSpec g = task.spec().generation();
    List<GenerationRequest> out = new ArrayList<>();
    SplittableRandom rnd = new SplittableRandom(seed ^ ((long) p.doc().id().hashCode() << 21));
    for (int r = 0; r < plan.repeats(); r++) {
      out.add(new GenerationRequest(p.context(), g.until(), plan.maxGenToks(), g.temperature(), g.topP(),
          rnd.nextLong(), p.messages()));
    }
    return out;
  }

  @Override
  public List<ObjectNode> score(List<PlannedDoc> batch, LanguageModel model) {
    List<GenerationRequest> reqs = new ArrayList<>();
    for (PlannedDoc p : batch) {
      reqs.addAll(requests(p));
    }
    List<String> texts = model.generateUntil(reqs);
    if (texts.size() != reqs.size()) {
      throw new IllegalStateException("model answered " + texts.size() + " of " + reqs.size() + " requests");
    }
    Optional<BitSet> cut = model.truncatedInLastCall();
    List<ObjectNode> out = new ArrayList<>(batch.size());
    int n = plan.repeats();
    for (int i = 0; i < batch.size(); i++) {
      PlannedDoc p = batch.get(i);
      List<String> resps = new ArrayList<>(n);
      for (int r = 0; r < n; r++) {
        resps.add(reqs.get(i * n + r).cutAtStop(texts.get(i * n + r)));
      }
      boolean code = TaskPlan.usesSandbox(task);
      ObjectNode rec = DocScorer.base(p, code ? "" : task.target(p.doc()));
      if (!code && task.targets(p.doc()).size() > 1) {
        rec.set("target", JSON.valueToTree(task.targets(p.doc()))); // every alias, as lm-eval's list target
      }
      GenerationRequest first = reqs.get(i * n);
      ObjectNode gen = rec.putArray("arguments").addObject();
      gen.put("arg_0", first.context());
      ObjectNode kw = gen.putObject("arg_1");
      kw.set("until", JSON.valueToTree(first.until()));
      kw.put("max_gen_toks", first.maxTokens()).put("temperature", first.temperature()).put("top_p", first.topP());
      rec.set("resps", JSON.valueToTree(resps));
      if (cut.isPresent()) {
        rec.put(DocScorer.TRUNCATED, cut.get().get(i * n, i * n + n).cardinality() > 0);
      }
      ObjectNode filtered = rec.putObject("filtered_resps");
      ObjectNode metrics = rec.putObject("metrics");
      for (FilterPipeline f : filters) {
        List<String> got = f.apply(p.doc(), resps);
        filtered.set(f.name(), JSON.valueToTree(got));
        IfEvalCheck ifeval = null;
        for (TaskSpec.MetricSpec m : task.spec().metrics()) {
          switch (m.metric()) {
            case "prompt_level_strict_acc", "inst_level_strict_acc", "prompt_level_loose_acc",
                "inst_level_loose_acc" -> {
              if (ifeval == null) { // lm-eval's process_results: the first (filtered) response
                ifeval = IfEvalCheck.of(IfEvalMetrics.instructions(p.doc()), got.isEmpty() ? "" : got.getFirst());
              }
              IfEvalMetrics.put(metrics, m.metric(), f.name(), ifeval);
            }
            case "exact_match" -> {
              ExactMatch em = exactMatch.get(m);
              metrics.put("exact_match," + f.name(),
                  got.isEmpty() ? 0.0 : em.scoreAny(got.getFirst(), task.targets(p.doc())));
            }
            case "hendrycks_math_equiv" -> // lm-eval's hendrycks_math exact_match: is_equiv over strip_string
                metrics.put("exact_match," + f.name(), !got.isEmpty()
                    && HendrycksEquivalence.equivalent(got.getFirst(), task.target(p.doc())) ? 1.0 : 0.0);
            case "minerva_math_equiv" -> // lm-eval's minerva_math exact_match: sympy's is_equiv, reproduced
                metrics.put("exact_match," + f.name(), !got.isEmpty()
                    && MinervaEquivalence.equivalent(got.getFirst(), task.target(p.doc())) ? 1.0 : 0.0);
            case "pass_at_k" -> {
              int c = execute(got, rec);
              for (int k : m.k()) {
                if (k <= got.size()) {
                  metrics.put("pass@" + k + "," + f.name(), PassAtK.estimate(got.size(), c, k));
                }
              }
            }
            case "pass_at_1" -> { // lm-eval's mbpp metric utils.pass_at_1: code_eval's pass@1, named pass_at_1
              int c = execute(got, rec);
              metrics.put("pass_at_1," + f.name(), PassAtK.estimate(got.size(), c, 1));
            }
            default -> throw new IllegalArgumentException("task " + task.name() + ": metric " + m.metric()
                + " does not apply to generation tasks");
          }
        }
      }
      out.add(rec);
    }
    return out;
  }

  /** Runs every program in the sandbox, records the runs in {@code rec} and returns how many passed. */
  private int execute(List<String> programs, ObjectNode rec) {
    List<ExecutionResult> runs = sandbox.get().runAll(programs);
    int c = 0;
    ArrayNode ex = rec.putArray("execution");
    for (ExecutionResult e : runs) {
      c += e.passed() ? 1 : 0;
      ObjectNode x = ex.addObject();
      x.put("status", e.status().name().toLowerCase(java.util.Locale.ROOT));
      x.put("result", e.result());
      x.put("output", e.output().length() > KEEP_OUTPUT ? e.output().substring(0, KEEP_OUTPUT) : e.output());
    }
    rec.put("n", runs.size()).put("c", c);
    return c;
  }
}
