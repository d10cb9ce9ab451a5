package dev.llamakit.safety.fasttext;

import dev.llamakit.safety.data.Example;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The shared, reproducible part of a classifier recipe: normalize, de-duplicate (a text labelled both benign and
 * harmful keeps the harmful label), split by hash (validation never trained on), order the training lines by a
 * seeded hash, write the fastText file, train single-threaded and quantize.
 */
public final class TrainingRun {
  /** What was trained on and held out; {@code model} is the written {@code .ftz}. */
  public record Result(Path model, List<Example> train, List<Example> validation, Map<String, Integer> trainCounts,
                       Map<String, Integer> validationCounts) {
    /**
     * The opening of a validation report: model file and size, the recipe ({@code params}, held-out percentage,
     * seed) and the label counts on both sides; the trainer adds its {@code validation} figures.
     */
    public Map<String, Object> reportHeader(FastTextTrainer.Params params, int validationPercent, long seed)
        throws IOException {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("model", model.getFileName().toString());
      report.put("bytes", Files.size(model));
      report.put("params", params.toString());
      report.put("validationPercent", validationPercent);
      report.put("seed", seed);
      report.put("trainCounts", trainCounts);
      report.put("validationCounts", validationCounts);
      return report;
    }
  }

  private TrainingRun() {}

  /**
   * Runs the recipe. {@code benignLabel} names the label that loses de-duplication conflicts.
   *
   * @param limit if positive, keep only this many training examples (hash order) — for quick smoke runs
   */
  public static Result run(List<Example> examples, String benignLabel, int validationPercent, long seed,
                           FastTextTrainer.Params params, Path out, int limit, PrintStream log) throws IOException {
    return run(examples, benignLabel, validationPercent, seed, params, out, limit, log, x -> x);
  }

  /**
   * As above, with a feature step applied to every normalized training text ({@code features}; the classifier must
   * apply the same step when scoring).
   */
  public static Result run(List<Example> examples, String benignLabel, int validationPercent, long seed,
                           FastTextTrainer.Params params, Path out, int limit, PrintStream log,
                           java.util.function.UnaryOperator<String> features) throws IOException {
    Parts parts = split(examples, benignLabel, validationPercent);
    List<Example> train = new ArrayList<>(parts.train());
    List<Example> validation = parts.validation();
    train.sort(Comparator.comparingLong(e -> Split.fnv1a(seed + "\u0000" + e.text())));
    if (limit > 0 && train.size() > limit) train = new ArrayList<>(train.subList(0, limit));
    Path file = Files.createTempFile("llamakit-train-", ".txt");
    try {
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Example e : train) {
          String norm = TextFeatures.normalize(e.text());
          String f = features.apply(norm);
          if (f.isEmpty() && !norm.isEmpty()) continue;  // nothing left after the feature step
          w.write("__label__" + e.label() + " " + f);
          w.write('\n');
        }
      }
      log.printf("training on %d examples (%d held out for validation), params %s%n", train.size(), validation.size(), params);
      FastTextTrainer.trainQuantized(file, out, params);
    } finally {
      Files.deleteIfExists(file);
    }
    return new Result(out, train, validation, counts(train), counts(validation));
  }

  /** The train and validation examples of a recipe, before ordering and training. */
  public record Parts(List<Example> train, List<Example> validation) {}

  /**
   * De-duplicates by normalized text (a text labelled both {@code benignLabel} and harmful keeps the harmful label)
   * and splits by hash of the group key (or the normalized text): deterministic, independent of input order.
   */
  public static Parts split(List<Example> examples, String benignLabel, int validationPercent) {
    Map<String, Example> byText = new LinkedHashMap<>();
    for (Example e : examples) {
      String norm = TextFeatures.normalize(e.text());
      if (norm.isEmpty()) continue;
      Example prev = byText.get(norm);
      if (prev == null || prev.label().equals(benignLabel) && !e.label().equals(benignLabel)) byText.put(norm, e);
    }
    List<Example> train = new ArrayList<>();
    List<Example> validation = new ArrayList<>();
    for (var en : byText.entrySet()) {
      Example e = en.getValue();
      String key = e.group() != null ? e.group() : en.getKey();
      (Split.isValidation(key, validationPercent) ? validation : train).add(e);
    }
    return new Parts(train, validation);
  }

  private static Map<String, Integer> counts(List<Example> xs) {
    Map<String, Integer> m = new TreeMap<>();
    for (Example e : xs) m.merge(e.label(), 1, Integer::sum);
    return m;
  }
}
