package dev.llamakit.engine.cli;

import dev.llamakit.engine.sampling.SamplingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Sampling options shared by generate and chat. */
public final class SamplingMixin {
  @Option(names = "--max-tokens", paramLabel = "N", description = "Tokens to generate (default: ${DEFAULT-VALUE}).")
  int maxTokens = 256;

  @Option(names = "--greedy", description = "Always take the most likely token.")
  boolean greedy;

  @Option(names = "--temperature", paramLabel = "T", description = "Default: ${DEFAULT-VALUE}; 0 = greedy.")
  float temperature = 0.8f;

  @Option(names = "--top-k", paramLabel = "K", description = "Default: ${DEFAULT-VALUE}; 0 = off.")
  int topK = 40;

  @Option(names = "--top-p", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
  float topP = 0.95f;

  @Option(names = "--min-p", paramLabel = "P", description = "Default: ${DEFAULT-VALUE}.")
  float minP = 0.05f;

  @Option(names = "--repeat-penalty", paramLabel = "R", description = "Default: ${DEFAULT-VALUE} (off).")
  float repeatPenalty = 1f;

  @Option(names = "--presence-penalty", paramLabel = "P", description = "Default: ${DEFAULT-VALUE} (off).")
  float presencePenalty = 0f;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--stop", paramLabel = "TEXT", description = "Stop when this text is generated (repeatable).")
  List<String> stops = new ArrayList<>();

  SamplingParams params(Set<Integer> stopTokens, List<String> extraStops) {
    List<String> all = new ArrayList<>(stops);
    all.addAll(extraStops);
    return new SamplingParams(greedy || temperature <= 0, temperature, topK, topP, minP, repeatPenalty,
        presencePenalty, 64, seed, maxTokens, stopTokens, all);
  }
}
