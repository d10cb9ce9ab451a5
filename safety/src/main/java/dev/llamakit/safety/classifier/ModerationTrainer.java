package dev.llamakit.safety.classifier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.FastTextTrainer;
import dev.llamakit.safety.fasttext.TrainingRun;
import dev.llamakit.safety.metrics.BinaryMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The moderation classifier's recipe ({@code llamakit safety train}): data from {@link ModerationDataset}, 10%
 * validation by hash of the normalized text, seed 7 for line order, fixed fastText parameters
 * ({@link #PARAMS}), single thread; writes the {@code .ftz} and a validation report JSON beside it.
 */
public final class ModerationTrainer {
  /** fastText parameters of the shipped model. */
  public static final FastTextTrainer.Params PARAMS =
      new FastTextTrainer.Params(50, 8, 0.4, 2, 0, 0, 2_000_000, 1, 100_000, true, true);
  /** Percentage of examples held out by hash. */
  public static final int VALIDATION_PERCENT = 10;
  /** Seed of the training-line order. */
  public static final long SEED = 7;

  private ModerationTrainer() {}

  /** Trains and writes {@code out} (.ftz) and {@code out}-validation.json; returns the report. */
  public static Map<String, Object> train(Path safetyTrain, Path dataRoot, Path out, int limit, PrintStream log)
      throws IOException {
    List<Example> all = new ModerationDataset().load(safetyTrain, dataRoot);
    log.printf("moderation data: %d examples from %s and %s%n", all.size(), safetyTrain, dataRoot);
    TrainingRun.Result r = TrainingRun.run(all, "safe", VALIDATION_PERCENT, SEED, PARAMS, out, limit, log,
        ModerationClassifier::features);
    ModerationClassifier c = new ModerationClassifier(out);
    Map<String, Object> report = r.reportHeader(PARAMS, VALIDATION_PERCENT, SEED);
    report.put("validation", evaluate(c, r.validation()));
    writeJson(report, reportPath(out));
    return report;
  }

  /** {@code moderation.ftz -> moderation-validation.json}. */
  public static Path reportPath(Path model) {
    String n = model.getFileName().toString().replaceFirst("\\.ftz$", "");
    return model.resolveSibling(n + "-validation.json");
  }

  /** Binary (unsafe vs safe) figures at 0.5, per source and per category, on held-out examples. */
  public static Map<String, Object> evaluate(ModerationClassifier c, List<Example> validation) {
    double[] scores = new double[validation.size()];
    boolean[] pos = new boolean[validation.size()];
    Map<String, List<Integer>> bySource = new TreeMap<>();
    Map<String, int[]> perCat = new TreeMap<>();
    for (int i = 0; i < validation.size(); i++) {
      Example e = validation.get(i);
      ModerationClassifier.Scores s = c.score(e.text());
      scores[i] = s.unsafe();
      pos[i] = !e.label().equals("safe");
      bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(i);
      if (pos[i]) {
        int[] a = perCat.computeIfAbsent(e.label(), k -> new int[3]);
        a[0]++;
        if (s.unsafe() >= 0.5) a[1]++;
        if (e.label().equals(s.top())) a[2]++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("overall", BinaryMetrics.of(scores, pos, 0.5).toMap());
    Map<String, Object> src = new LinkedHashMap<>();
    for (var en : bySource.entrySet()) {
      double[] s = en.getValue().stream().mapToDouble(i -> scores[i]).toArray();
      boolean[] p = new boolean[s.length];
      for (int k = 0; k < s.length; k++) p[k] = pos[en.getValue().get(k)];
      src.put(en.getKey(), BinaryMetrics.of(s, p, 0.5).toMap());
    }
    m.put("bySource", src);
    Map<String, Object> cats = new LinkedHashMap<>();
    for (var en : perCat.entrySet()) {
      int[] a = en.getValue();
      cats.put(c.category(en.getKey()).code() + " " + en.getKey(), Map.of("n", a[0],
          "recallUnsafe", round((double) a[1] / a[0]), "topCategoryAccuracy", round((double) a[2] / a[0])));
    }
    m.put("byCategory", cats);
    return m;
  }

  static double round(double v) { return Math.round(v * 10000) / 10000.0; }

  /** Writes pretty JSON atomically. */
  public static void writeJson(Object value, Path file) throws IOException {
    AtomicFile.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value));
  }
}
