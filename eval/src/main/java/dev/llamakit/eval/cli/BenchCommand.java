package dev.llamakit.eval.cli;

import dev.llamakit.eval.data.Datasets;
import dev.llamakit.eval.engine.EngineLanguageModel;
import dev.llamakit.eval.engine.EngineModelProvider;
import dev.llamakit.eval.model.GenerationRequest;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.run.MultipleChoiceScorer;
import dev.llamakit.eval.run.PlannedDoc;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.run.TaskPlan;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit eval bench}: benchmark throughput on the engine, with and without few-shot prefix reuse. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure MMLU questions/s with and without few-shot prefix reuse (in one run), and GSM8k and",
      "HumanEval generation tokens/s, on the engine. For the issue's figures use a synthetic TinyLlama-1.1B Q4_0:",
      "  llamakit engine synth --shape tinyllama-1.1b --type q4_0 --output tl.gguf"})
public final class BenchCommand implements Callable<Integer> {
  @Option(names = "--model", required = true, paramLabel = "FILE") Path model;

  @Option(names = "--data", paramLabel = "DIR", description = "Benchmark data (default: $LLAMAKIT_DATA).") Path data;

  @Option(names = "--questions", defaultValue = "10", description = "MMLU questions per mode.") int questions;

  @Option(names = "--gen-tokens", defaultValue = "32", description = "Tokens generated per GSM8k/HumanEval prompt.")
  int genTokens;

  @Option(names = "--prompts", defaultValue = "2", description = "GSM8k and HumanEval prompts each.") int prompts;

  @Option(names = "--threads", defaultValue = "0") int threads;

  @Option(names = "--ctx", defaultValue = "0", description = "Context length (default: the model's, capped by the engine).") int ctx;

  @Override
  public Integer call() {
    Path dir = Datasets.dataDir(data);
    try (EngineLanguageModel lm = (EngineLanguageModel) new EngineModelProvider()
        .open(model, Map.of("threads", Integer.toString(threads), "ctx", Integer.toString(ctx)))) {
      TaskRegistry reg = TaskRegistry.builtIn();
      Task mmlu = reg.get("mmlu");
      TaskPlan plan = TaskPlan.of(mmlu, dir, RunSettings.defaults().withLimit(questions + 1), lm.identity());
      List<PlannedDoc> docs = plan.subtasks().values().iterator().next();
      MultipleChoiceScorer mc = new MultipleChoiceScorer(mmlu);
      List<LoglikelihoodRequest> reqs = docs.stream().map(mc::request).toList();
      lm.loglikelihood(List.of(reqs.getFirst())); // warm-up
      long t0 = System.nanoTime();
      for (LoglikelihoodRequest r : reqs.subList(1, reqs.size())) {
        lm.forgetReusableContext();
        lm.loglikelihood(List.of(r));
      }
      double cold = (System.nanoTime() - t0) / 1e9;
      lm.loglikelihood(List.of(reqs.getFirst()));
      long t1 = System.nanoTime();
      for (LoglikelihoodRequest r : reqs.subList(1, reqs.size())) {
        lm.loglikelihood(List.of(r));
      }
      double warm = (System.nanoTime() - t1) / 1e9;
      int n = reqs.size() - 1;
      System.out.printf("MMLU (%s, 5-shot, %d questions): %.2f questions/s without prefix reuse, %.2f with; "
          + "reuse speed-up %.1fx%n", plan.subtasks().keySet().iterator().next(), n, n / cold, n / warm, cold / warm);
      for (String name : List.of("gsm8k_cot", "humaneval")) {
        Task t = reg.get(name);
        TaskPlan p = TaskPlan.of(t, dir, RunSettings.defaults().withLimit(prompts), lm.identity());
        long before = lm.generatedTokens();
        double secs = lm.generationSeconds();
        for (PlannedDoc d : p.all()) {
          lm.generateUntil(List.of(new GenerationRequest(d.context(), List.of(), genTokens, 0, 1, 0)));
        }
        long toks = lm.generatedTokens() - before;
        double s = lm.generationSeconds() - secs;
        System.out.printf("%s: %d prompts, %d tokens generated in %.1f s (prompt included): %.2f tokens/s%n", name,
            p.all().size(), toks, s, toks / s);
      }
    }
    return 0;
  }
}
