package dev.llamakit.cli.safety;

import dev.llamakit.safety.classifier.ModerationTrainer;
import dev.llamakit.safety.injection.PromptAttackTrainer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code llamakit safety train}: the reproducible recipes of the embedded moderation classifier and the prompt-attack
 * detector (single-threaded fastText, fixed seeds, validation split by hash), writing {@code .ftz} models and
 * {@code -validation.json} reports.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train the embedded classifiers (moderation, prompt-attack) from the public data sets.")
public final class TrainCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", defaultValue = "../shared/data/safety-train", paramLabel = "DIR",
      description = "The safety-train folder (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--benign", paramLabel = "DIR",
      description = "Folder with benchmarks/ and web/wikitext-2/ for benign text (default: the parent of --data).")
  Path benign;

  @Option(names = "--out", defaultValue = "safety/src/main/resources/dev/llamakit/safety", paramLabel = "DIR",
      description = "Where to write classifier/moderation.ftz and injection/prompt-attack.ftz (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--model", defaultValue = "all", description = "moderation, prompt-attack or all (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--limit", defaultValue = "0", description = "Train on at most this many examples (0 = all), for smoke runs.")
  int limit;

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(data)) throw new NoSuchFileException(data.toString());
    if (!model.equals("all") && !model.equals("moderation") && !model.equals("prompt-attack")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--model must be moderation, prompt-attack or all");
    }
    Path root = benign != null ? benign : data.toAbsolutePath().getParent();
    if (model.equals("all") || model.equals("moderation")) {
      Map<String, Object> r = ModerationTrainer.train(data, root, out.resolve("classifier/moderation.ftz"), limit, System.err);
      System.out.println("moderation: " + summary(r));
    }
    if (model.equals("all") || model.equals("prompt-attack")) {
      Map<String, Object> r = PromptAttackTrainer.train(data, root, out.resolve("injection/prompt-attack.ftz"), limit, System.err);
      System.out.println("prompt-attack: " + summary(r));
    }
    return 0;
  }

  private static String summary(Map<String, Object> r) {
    return r.get("model") + " (" + r.get("bytes") + " bytes), validation " + r.get("validation");
  }
}
