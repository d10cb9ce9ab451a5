package dev.llamakit.eval.cli;

import dev.llamakit.eval.data.Datasets;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.ModelProvider;
import dev.llamakit.eval.model.ModelProviders;
import dev.llamakit.eval.run.Harness;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit eval run --tasks mmlu,gsm8k_cot --model FILE}: runs benchmarks on a model obtained from the
 * registered {@link ModelProvider}; fails with a clear message when none is registered.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run benchmark tasks on a model; resumable, writes results.json, samples and summary.md.")
public final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--tasks", required = true, split = ",", paramLabel = "TASK",
      description = "Comma-separated task names (llamakit eval tasks lists them).")
  List<String> tasks;

  @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file (GGUF, ...).")
  Path model;

  @Option(names = "--provider", paramLabel = "ID", description = "Model provider id (default: the first that supports the file).")
  String provider;

  @Option(names = "--model-arg", paramLabel = "KEY=VALUE", description = "Provider option, repeatable.")
  Map<String, String> modelArgs = new LinkedHashMap<>();

  @Option(names = "--data", paramLabel = "DIR", description = "Benchmark data folder (default: $LLAMAKIT_DATA).")
  Path data;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Run folder (default: runs/<model file name>).")
  Path output;

  @Option(names = "--limit", paramLabel = "N", description = "Score only the first N documents of each (sub)task.")
  Integer limit;

  @Option(names = "--num-fewshot", paramLabel = "N", description = "Shots per prompt (default: each task's).")
  Integer numFewshot;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "1234", description = "Few-shot and sampling seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--repeats", paramLabel = "N", description = "Samples per document of generation tasks (n of pass@k, k of maj@k).")
  Integer repeats;

  @Option(names = "--max-gen-toks", paramLabel = "N", description = "Generation budget (default: each task's; Meta uses 1024).")
  Integer maxGenToks;

  @Option(names = "--batch-size", paramLabel = "N", defaultValue = "8", description = "Documents per model call (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--sandbox-timeout", paramLabel = "SECONDS", defaultValue = "3", description = "Per-program timeout of code tasks (default: ${DEFAULT-VALUE}).")
  double timeout;

  @Option(names = "--sandbox-workers", paramLabel = "N", description = "Programs run in parallel (default: up to 4).")
  Integer workers;

  @Option(names = "--allow-unisolated-sandbox", description = "Run code without namespace isolation when the kernel refuses namespaces (unsafe).")
  boolean allowUnisolated;

  @Option(names = "--subset", paramLabel = "SUBSET", description = "Score only the documents of this Llama 2 "
      + "contamination subset: clean, not-clean, not-dirty or dirty (needs --contamination).")
  String subset;

  @Option(names = "--contamination", paramLabel = "FILE", description = "The per-item report of llamakit pipeline "
      + "contamination (JSONL) that --subset reads.")
  Path contamination;

  @Option(names = "--overwrite", description = "Replace the results of an earlier finished run in the -o folder "
      + "(its progress.jsonl is still reused); without it such a folder is refused.")
  boolean overwrite;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Override
  public Integer call() throws NoSuchFileException {
    TaskRegistry reg = TaskRegistry.builtIn();
    List<Task> selected = new ArrayList<>();
    for (String t : tasks) {
      try {
        selected.add(reg.get(t.strip()));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (limit != null && limit < 1 || batchSize < 1 || repeats != null && repeats < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--limit, --batch-size and --repeats must be >= 1");
    }
    if ((subset == null) != (contamination == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--subset and --contamination go together");
    }
    if (subset != null && !dev.llamakit.eval.run.ContaminationSubset.NAMES.contains(subset)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--subset must be clean, not-clean, not-dirty or dirty, not '" + subset + "'");
    }
    if (contamination != null && !Files.isRegularFile(contamination)) {
      throw new NoSuchFileException(contamination.toString());
    }
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());
    }
    Path dataDir = Datasets.dataDir(data);
    ModelProvider p = ModelProviders.find(ModelProviders.all(), provider, model);
    RunSettings s = Options.settings(limit, numFewshot, seed, repeats, maxGenToks, batchSize, timeout, workers,
        allowUnisolated, !noProgress);
    if (subset != null) {
      s = s.withSubset(dev.llamakit.eval.run.ContaminationSubset.read(contamination, subset));
    }
    Path out = output != null ? output : Path.of("runs", model.getFileName().toString());
    dev.llamakit.eval.run.RunFolder.claim(out, overwrite); // before any model time is spent
    try (LanguageModel lm = p.open(model, modelArgs)) {
      Harness.Outcome o = new Harness(lm, dataDir, out, s, System.err).run(selected);
      System.err.println("scored " + o.computed() + " documents, reused " + o.reused() + " from " + out);
      System.out.print(Files.readString(out.resolve("summary.md")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  /** Shared option handling. */
  static final class Options {
    private Options() {}

    static RunSettings settings(Integer limit, Integer numFewshot, long seed, Integer repeats, Integer maxGenToks,
        int batchSize, double timeout, Integer workers, boolean allowUnisolated, boolean progress) {
      var box = RunSettings.defaults().sandbox().withTimeout(Duration.ofMillis((long) (timeout * 1000)))
          .withUnisolatedFallback(allowUnisolated);
      if (workers != null) {
        box = box.withWorkers(workers);
      }
      return RunSettings.defaults().withLimit(limit).withNumFewshot(numFewshot).withSeed(seed).withRepeats(repeats)
          .withMaxGenToks(maxGenToks).withBatchSize(batchSize).withSandbox(box).withProgress(progress);
    }
  }
}
