package dev.llamakit.cli.eval;

import dev.llamakit.eval.api.ApiConfig;
import dev.llamakit.eval.api.ApiLanguageModel;
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
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit eval bench}: benchmark throughput on the engine, with and without few-shot prefix reuse; or, with
 * {@code --model-api}, log-likelihood requests/s of a model behind an OpenAI-compatible server.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Measure MMLU questions/s with and without few-shot prefix reuse (in one run), and GSM8k and",
      "HumanEval generation tokens/s, on the engine. For the issue's figures use a synthetic TinyLlama-1.1B Q4_0:",
      "  llamakit engine synth --shape tinyllama-1.1b --type q4_0 --output tl.gguf",
      "With --model-api URL --api-model NAME: log-likelihood requests/s of 0-shot ARC-Easy through the API backend",
      "at each --api-batch size."})
public final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--model", paramLabel = "FILE") Path model;

  @Option(names = "--model-api", paramLabel = "URL", description = "An OpenAI-compatible server's API root (instead of --model).")
  URI modelApi;

  @Option(names = "--api-model", paramLabel = "NAME", description = "The model field of the API requests.") String apiModel;

  @Option(names = "--api-batch", split = ",", defaultValue = "1,8", paramLabel = "N",
      description = "Prompts per /completions request, one measurement each (default: ${DEFAULT-VALUE}).")
  List<Integer> apiBatch;

  @Option(names = "--api-echo-max-tokens", paramLabel = "0|1", defaultValue = "1",
      description = "max_tokens of the echo requests: 1 as lm-eval sends, 0 where the server accepts it "
          + "(default: ${DEFAULT-VALUE}).")
  int apiEchoMaxTokens;

  @Option(names = "--api-concurrent", paramLabel = "N", defaultValue = "1",
      description = "HTTP requests in flight at once (default: ${DEFAULT-VALUE}; lm-eval's num_concurrent).")
  int apiConcurrent;

  @Option(names = "--data", paramLabel = "DIR", description = "Benchmark data (default: $LLAMAKIT_DATA).") Path data;

  @Option(names = "--questions", defaultValue = "10", description = "MMLU questions per mode.") int questions;

  @Option(names = "--gen-tokens", defaultValue = "32", description = "Tokens generated per GSM8k/HumanEval prompt.")
  int genTokens;

  @Option(names = "--prompts", defaultValue = "2", description = "GSM8k and HumanEval prompts each.") int prompts;

  @Option(names = "--threads", defaultValue = "0") int threads;

  @Option(names = "--ctx", defaultValue = "0", description = "Context length (default: the model's, capped by the engine).") int ctx;

  @Override
  public Integer call() {
    if ((model == null) == (modelApi == null) || modelApi != null && apiModel == null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "give either --model FILE or --model-api URL with --api-model NAME");
    }
    Path dir = Datasets.dataDir(data);
    if (modelApi != null) {
      return api(dir);
    }
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

  /**
   * Log-likelihood requests (context-continuation pairs) per second through the API backend: the first
   * {@code --questions} ARC-Easy test questions, 0-shot (short prompts, so small test models fit), once per batch size
   * after one warm-up request.
   */
  private int api(Path dir) {
    Task arc = TaskRegistry.builtIn().get("arc_easy");
    if (apiEchoMaxTokens < 0 || apiEchoMaxTokens > 1 || apiConcurrent < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--api-echo-max-tokens must be 0 or 1 and --api-concurrent >= 1");
    }
    ApiConfig base = ApiConfig.of(modelApi, apiModel).withEchoMaxTokens(apiEchoMaxTokens)
        .withConcurrent(apiConcurrent);
    TaskPlan plan;
    try (ApiLanguageModel id = new ApiLanguageModel(base, System.err)) {
      plan = TaskPlan.of(arc, dir, RunSettings.defaults().withLimit(questions).withNumFewshot(0), id.identity());
    }
    MultipleChoiceScorer mc = new MultipleChoiceScorer(arc);
    List<LoglikelihoodRequest> reqs = plan.all().stream().map(mc::request).toList();
    int pairs = reqs.stream().mapToInt(r -> r.continuations().size()).sum();
    for (int b : apiBatch) {
      if (b < 1) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--api-batch sizes must be >= 1");
      }
      try (ApiLanguageModel lm = new ApiLanguageModel(base.withBatch(b), System.err)) {
        lm.loglikelihood(reqs.subList(0, 1)); // warm-up
        long before = lm.httpRequests();
        long t0 = System.nanoTime();
        lm.loglikelihood(reqs);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("API %s (%s), ARC-Easy 0-shot, %d questions: %d log-likelihood requests in %d HTTP requests "
            + "(batch %d, max_tokens %d, %d concurrent) in %.2f s: %.1f requests/s%n", apiModel, base.completions(),
            reqs.size(), pairs, lm.httpRequests() - before, b, apiEchoMaxTokens, apiConcurrent, s, pairs / s);
      }
    }
    return 0;
  }
}
