package dev.llamakit.cli.eval;

import dev.llamakit.eval.api.ApiConfig;
import dev.llamakit.eval.api.ApiLanguageModel;
import dev.llamakit.eval.data.Datasets;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.model.ModelProvider;
import dev.llamakit.eval.model.ModelProviders;
import dev.llamakit.eval.run.Harness;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.ChatPrompt;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import java.net.URI;
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
 * registered {@link ModelProvider} (fails with a clear message when none is registered), or, with
 * {@code --model-api URL --api-model NAME}, on a model behind an OpenAI-compatible server ({@link ApiLanguageModel}).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run benchmark tasks on a model; resumable, writes results.json, samples and summary.md.")
public final class RunCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--tasks", required = true, split = ",", paramLabel = "TASK",
      description = "Comma-separated task names (llamakit eval tasks lists them).")
  List<String> tasks;

  @Option(names = "--model", paramLabel = "FILE", description = "Model file (GGUF, ...); or use --model-api.")
  Path model;

  @Option(names = "--model-api", paramLabel = "URL", description = "An OpenAI-compatible server's API root, e.g. "
      + "http://127.0.0.1:8080/v1: log-likelihoods from /completions with echo and logprobs, generation from "
      + "/completions (or /chat/completions with --api-chat), as lm-eval's local-completions.")
  URI modelApi;

  @Option(names = "--api-model", paramLabel = "NAME", description = "The model field of every API request (needed with --model-api).")
  String apiModel;

  @Option(names = "--api-key-env", paramLabel = "VAR", description = "Environment variable holding the API key (sent as a Bearer token).")
  String apiKeyEnv;

  @Option(names = "--api-batch", paramLabel = "N", defaultValue = "1", description = "Prompts per /completions request when scoring (default: ${DEFAULT-VALUE}, lm-eval's).")
  int apiBatch;

  @Option(names = "--api-chat", description = "Generation tasks ask /chat/completions (the prompt as one user message) instead of /completions.")
  boolean apiChat;

  @Option(names = "--api-echo-max-tokens", paramLabel = "0|1", defaultValue = "1", description = "max_tokens of "
      + "echo (scoring) requests: 1 as lm-eval sends, 0 where the server accepts it (default: ${DEFAULT-VALUE}).")
  int apiEchoMaxTokens;

  @Option(names = "--api-chat-template", paramLabel = "NAME", description = "With --apply-chat-template: render "
      + "prompts here with this built-in template (llama3, llama2-sys, ...) and score or generate through /completions.")
  String apiChatTemplate;

  @Option(names = "--api-concurrent", paramLabel = "N", defaultValue = "1", description = "HTTP requests in flight at once (default: ${DEFAULT-VALUE}; lm-eval's num_concurrent).")
  int apiConcurrent;

  @Option(names = "--api-retries", paramLabel = "N", defaultValue = "3", description = "Tries per HTTP request for 429, 5xx and connection failures (default: ${DEFAULT-VALUE}, lm-eval's).")
  int apiRetries;

  @Option(names = "--api-timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Limit on one HTTP exchange (default: ${DEFAULT-VALUE}).")
  int apiTimeout;

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

  @Option(names = "--apply-chat-template", description = "Build each prompt as a conversation (lm-eval's "
      + "--apply_chat_template): rendered with the model's chat template (--model-arg chat_template=NAME to choose "
      + "one), or sent as messages to /chat/completions with --api-chat; multiple-choice answers then follow the "
      + "assistant opening with no delimiter.")
  boolean applyChatTemplate;

  @Option(names = "--fewshot-as-multiturn", description = "With --apply-chat-template: each shot a user turn and an assistant turn, not one user message.")
  boolean fewshotAsMultiturn;

  @Option(names = "--system-instruction", paramLabel = "TEXT", description = "Text before the task description: a system message with --apply-chat-template, else the prompt's start.")
  String systemInstruction;

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
    ApiConfig api = apiConfig();
    if (fewshotAsMultiturn && !applyChatTemplate) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--fewshot-as-multiturn needs --apply-chat-template");
    }
    if (applyChatTemplate && api != null && api.chatTemplate() == null) {
      if (!api.chat()) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--apply-chat-template with --model-api needs "
            + "--api-chat (the server applies its chat template) or --api-chat-template NAME (rendered here)");
      }
      for (Task t : selected) {
        if (t.spec().multipleChoice()) {
          throw new CommandLine.ParameterException(spec.commandLine(), "task " + t.name() + " is scored by "
              + "log-likelihood, which /chat/completions cannot give (drop it or --apply-chat-template)");
        }
      }
    }
    if (api == null && !Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString());
    }
    Path dataDir = Datasets.dataDir(data);
    ModelProvider p = api != null ? null : ModelProviders.find(ModelProviders.all(), provider, model);
    RunSettings s = Options.settings(limit, numFewshot, seed, repeats, maxGenToks, batchSize, timeout, workers,
        allowUnisolated, !noProgress);
    s = s.withPromptStyle(new ChatPrompt.Style(applyChatTemplate, fewshotAsMultiturn, systemInstruction));
    if (subset != null) {
      s = s.withSubset(dev.llamakit.eval.run.ContaminationSubset.read(contamination, subset));
    }
    Path out = output != null ? output
        : Path.of("runs", api != null ? api.model().replaceAll("[^A-Za-z0-9._-]", "_") : model.getFileName().toString());
    dev.llamakit.eval.run.RunFolder.claim(out, overwrite); // before any model time is spent
    try (LanguageModel lm = api != null ? new ApiLanguageModel(api, System.err) : p.open(model, modelArgs)) {
      Harness.Outcome o = new Harness(lm, dataDir, out, s, System.err).run(selected);
      System.err.println("scored " + o.computed() + " documents, reused " + o.reused() + " from " + out);
      System.out.print(Files.readString(out.resolve("summary.md")));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return 0;
  }

  /** The API backend's settings, or null when the model is a file; usage errors for inconsistent options. */
  private ApiConfig apiConfig() {
    if ((model == null) == (modelApi == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give either --model FILE or --model-api URL");
    }
    boolean apiOption = apiModel != null || apiKeyEnv != null || apiChat || apiChatTemplate != null
        || spec.commandLine().getParseResult().hasMatchedOption("--api-batch")
        || spec.commandLine().getParseResult().hasMatchedOption("--api-echo-max-tokens")
        || spec.commandLine().getParseResult().hasMatchedOption("--api-retries")
        || spec.commandLine().getParseResult().hasMatchedOption("--api-concurrent")
        || spec.commandLine().getParseResult().hasMatchedOption("--api-timeout");
    if (modelApi == null) {
      if (apiOption) {
        throw new CommandLine.ParameterException(spec.commandLine(), "the --api-* options go with --model-api");
      }
      return null;
    }
    if (apiModel == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model-api needs --api-model NAME");
    }
    if (!modelArgs.isEmpty() || provider != null) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--model-arg and --provider apply to --model FILE, not to --model-api");
    }
    if (apiBatch < 1 || apiConcurrent < 1 || apiRetries < 1 || apiTimeout < 1 || apiEchoMaxTokens < 0 || apiEchoMaxTokens > 1) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--api-batch, --api-concurrent, --api-retries and --api-timeout must be >= 1, --api-echo-max-tokens 0 or 1");
    }
    String key = null;
    if (apiKeyEnv != null) {
      key = System.getenv(apiKeyEnv);
      if (key == null || key.isBlank()) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--api-key-env " + apiKeyEnv + ": that environment variable is not set");
      }
    }
    try {
      ApiConfig c = ApiConfig.of(modelApi, apiModel).withApiKey(key).withBatch(apiBatch)
          .withEchoMaxTokens(apiEchoMaxTokens).withChat(apiChat).withChatTemplate(apiChatTemplate)
          .withConcurrent(apiConcurrent);
      return c.withRetries(apiRetries, c.minBackoff(), c.maxBackoff()).withTimeout(Duration.ofSeconds(apiTimeout));
    } catch (IllegalArgumentException | dev.llamakit.engine.chat.ChatTemplateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model-api: " + e.getMessage());
    }
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
