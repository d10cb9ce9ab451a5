package dev.llamakit.safety.injection;

import dev.llamakit.safety.classifier.ModerationTrainer;
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
 * The prompt-attack detector's recipe: {@link InjectionDataset} (seed 7), 15% validation by hash of the text, or of
 * the template for planted injections, single-threaded fastText ({@link #PARAMS}); writes the {@code .ftz} and a
 * validation report.
 */
public final class PromptAttackTrainer {
  /** fastText parameters of the shipped model. */
  public static final FastTextTrainer.Params PARAMS =
      new FastTextTrainer.Params(32, 10, 0.3, 2, 3, 5, 200_000, 1, 40_000, true, false);
  /** Percentage held out. */
  public static final int VALIDATION_PERCENT = 15;
  /** Seed of data generation and line order. */
  public static final long SEED = 7;

  private PromptAttackTrainer() {}

  /** Trains and writes {@code out} and its {@code -validation.json}; returns the report. */
  public static Map<String, Object> train(Path safetyTrain, Path dataRoot, Path out, int limit, PrintStream log)
      throws IOException {
    List<Example> all = InjectionDataset.load(safetyTrain, dataRoot, SEED);
    log.printf("prompt-attack data: %d examples%n", all.size());
    TrainingRun.Result r = TrainingRun.run(all, "benign", VALIDATION_PERCENT, SEED, PARAMS, out, limit, log);
    PromptAttackClassifier c = new PromptAttackClassifier(out);
    Map<String, Object> report = r.reportHeader(PARAMS, VALIDATION_PERCENT, SEED);
    report.put("validation", evaluate(c, r.validation()));
    ModerationTrainer.writeJson(report, ModerationTrainer.reportPath(out));
    return report;
  }

  /** Attack-vs-benign figures for jailbreak (P(JAILBREAK)) and any attack (P(INJ)+P(JB)), at 0.5 and 0.8, plus per-source recall/FPR at 0.8 (the shield's block threshold). */
  public static Map<String, Object> evaluate(PromptAttackClassifier c, List<Example> validation) {
    int n = validation.size();
    double[] jb = new double[n], any = new double[n];
    boolean[] isJb = new boolean[n], isAttack = new boolean[n];
    Map<String, List<Integer>> bySource = new TreeMap<>();
    int correct = 0;
    for (int i = 0; i < n; i++) {
      Example e = validation.get(i);
      PromptAttackClassifier.Scores s = c.score(e.text());
      jb[i] = s.jailbreakScore();
      any[i] = s.injectionScore();
      isJb[i] = e.label().equals("jailbreak");
      isAttack[i] = !e.label().equals("benign");
      if (s.label().label().equals(e.label())) correct++;
      bySource.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(i);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accuracy3way", Math.round(10000.0 * correct / Math.max(1, n)) / 10000.0);
    m.put("jailbreak@0.5", BinaryMetrics.of(jb, isJb, 0.5).toMap());
    m.put("jailbreak@0.8", BinaryMetrics.of(jb, isJb, 0.8).toMap());
    m.put("anyAttack@0.5", BinaryMetrics.of(any, isAttack, 0.5).toMap());
    m.put("anyAttack@0.8", BinaryMetrics.of(any, isAttack, 0.8).toMap());
    Map<String, Object> src = new LinkedHashMap<>();
    for (var en : bySource.entrySet()) {
      double[] s = en.getValue().stream().mapToDouble(i -> any[i]).toArray();
      boolean[] p = new boolean[s.length];
      for (int k = 0; k < s.length; k++) p[k] = isAttack[en.getValue().get(k)];
      src.put(en.getKey(), BinaryMetrics.of(s, p, 0.8).toMap());
    }
    m.put("bySource", src);
    return m;
  }
}
