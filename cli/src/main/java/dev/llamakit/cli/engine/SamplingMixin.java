package dev.llamakit.cli.engine;

import dev.llamakit.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Sampling options shared by generate and chat. */
public final class SamplingMixin {
  @CommandLine.Spec(CommandLine.Spec.Target.MIXEE) CommandLine.Model.CommandSpec spec;

  @Option(names = {"-n", "--max-tokens"}, paramLabel = "N",
      description = "Tokens to generate (default: ${DEFAULT-VALUE}; capped at the context).")
  int maxTokens = 256;

  @Option(names = "--greedy", description = "Always take the most likely token.")
  boolean greedy;

  @Option(names = "--temperature", paramLabel = "T", description = "Default: ${DEFAULT-VALUE}; 0 = greedy; >= 0.")
  float temperature = 0.8f;

  @Option(names = "--top-k", paramLabel = "K", description = "Default: ${DEFAULT-VALUE}; 0 = off.")
  int topK = 40;

  @Option(names = "--top-p", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}; 0..1, 1 = off.")
  float topP = 0.95f;

  @Option(names = "--min-p", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}; 0..1, 0 = off.")
  float minP = 0.05f;

  @Option(names = "--repeat-penalty", paramLabel = "R", description = "Default: ${DEFAULT-VALUE} (off); > 0.")
  float repeatPenalty = 1f;

  @Option(names = "--presence-penalty", paramLabel = "P", description = "Default: ${DEFAULT-VALUE} (off).")
  float presencePenalty = 0f;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text is generated (repeatable).")
  List<String> stops = new ArrayList<>();

  /** Rejects option values no generation can use, naming the option (a usage error, before any model loads). */
  void check() {
    if (maxTokens < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--max-tokens must be >= 0, got " + maxTokens);
    }
    if (topK < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top-k must be >= 0, got " + topK);
    }
    // negated comparisons, so NaN is rejected too
    if (!(temperature >= 0) || Float.isInfinite(temperature)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--temperature must be >= 0 (0 = greedy), got " + temperature);
    }
    if (!(topP >= 0 && topP <= 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--top-p must be within 0..1, got " + topP);
    }
    if (!(minP >= 0 && minP <= 1)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--min-p must be within 0..1, got " + minP);
    }
    if (!(repeatPenalty > 0) || Float.isInfinite(repeatPenalty)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--repeat-penalty must be > 0 (1 = off), got " + repeatPenalty);
    }
  }

  /**
   * The sampling parameters; {@code --max-tokens} above {@code contextLength} is capped there with a one-line note on
   * standard error (no generation can outrun the context), a negative value is a usage error naming the option.
   */
  SamplingParams params(Set<Integer> stopTokens, List<String> extraStops, int contextLength) {
    check();
    int tokens = maxTokens;
    if (tokens > contextLength) {
      spec.commandLine().getErr().println("note: --max-tokens " + maxTokens + " exceeds the context of "
          + contextLength + " tokens; generating at most " + contextLength);
      spec.commandLine().getErr().flush();
      tokens = contextLength;
    }
    List<String> all = new ArrayList<>(stops);
    all.addAll(extraStops);
    return new SamplingParams(greedy || temperature <= 0, temperature, topK, topP, minP, repeatPenalty,
        presencePenalty, 64, seed, tokens, stopTokens, all);
  }
}
