package dev.llamakit.eval.testing;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.engine.EngineModelProvider;
import dev.llamakit.eval.model.LanguageModel;
import dev.llamakit.eval.run.Harness;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.task.ChatPrompt;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code llamakit eval run} does, through the library, for the eval module's end-to-end tests (the command itself
 * lives in {@code cli/} and is tested there): the harness on the engine's model (stories260K from {@code ../shared})
 * with the command's defaults — seed 1234, 8 documents per call, no progress bar, a 3-second sandbox timeout here.
 */
public final class EngineRuns {
  private EngineRuns() {}

  /** stories260K (real trained weights; scores near chance are expected); skips the test when absent. */
  public static Path model() {
    return SharedFiles.require("models/stories260K/stories260K-f32.gguf");
  }

  /** The command's defaults, with no progress bar. */
  public static RunSettings settings() {
    return RunSettings.defaults().withProgress(false)
        .withSandbox(RunSettings.defaults().sandbox().withTimeout(Duration.ofSeconds(3)));
  }

  /** Runs {@code tasks} (comma-separated) on stories260K, one thread plus {@code modelArgs} ({@code key=value}). */
  public static Harness.Outcome run(String tasks, Path data, Path out, RunSettings settings, String... modelArgs)
      throws Exception {
    TaskRegistry registry = TaskRegistry.builtIn();
    List<Task> selected = Arrays.stream(tasks.split(",")).map(registry::get).toList();
    Map<String, String> args = new HashMap<>(Map.of("threads", "1"));
    for (String a : modelArgs) {
      args.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    try (LanguageModel lm = new EngineModelProvider().open(model(), args)) {
      return new Harness(lm, data, out, settings, System.err).run(selected);
    }
  }

  /**
   * {@link #run} with the settings {@code eval run}'s options would make: {@code --tasks}, {@code --data},
   * {@code -o}, {@code --limit}, {@code --num-fewshot}, {@code --max-gen-toks}, {@code --apply-chat-template},
   * {@code --fewshot-as-multiturn}, {@code --model-arg}. Returns 0, or 1 after writing {@code error: <message>} to
   * {@code err} as the launcher reports a failure.
   */
  public static int run(StringWriter err, String... options) {
    String tasks = null;
    Path data = null;
    Path out = null;
    RunSettings s = settings();
    boolean chat = false;
    boolean multiturn = false;
    List<String> modelArgs = new java.util.ArrayList<>();
    for (int i = 0; i < options.length; i++) {
      String o = options[i];
      switch (o) {
        case "--tasks" -> tasks = options[++i];
        case "--data" -> data = Path.of(options[++i]);
        case "-o" -> out = Path.of(options[++i]);
        case "--limit" -> s = s.withLimit(Integer.parseInt(options[++i]));
        case "--num-fewshot" -> s = s.withNumFewshot(Integer.parseInt(options[++i]));
        case "--max-gen-toks" -> s = s.withMaxGenToks(Integer.parseInt(options[++i]));
        case "--apply-chat-template" -> chat = true;
        case "--fewshot-as-multiturn" -> multiturn = true;
        case "--model-arg" -> modelArgs.add(options[++i]);
        default -> throw new IllegalArgumentException("EngineRuns does not know option " + o);
      }
    }
    s = s.withPromptStyle(new ChatPrompt.Style(chat, multiturn, null));
    model(); // skips the test (not a failure) when ../shared is absent
    try {
      run(tasks, data, out, s, modelArgs.toArray(String[]::new));
      return 0;
    } catch (Exception e) {
      new PrintWriter(err, true).println("error: " + e.getMessage());
      return 1;
    }
  }
}
