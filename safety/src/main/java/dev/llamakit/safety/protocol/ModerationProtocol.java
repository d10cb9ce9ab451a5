package dev.llamakit.safety.protocol;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.classifier.ModerationDataset;
import dev.llamakit.safety.classifier.ModerationShield;
import dev.llamakit.safety.classifier.ModerationTrainer;
import dev.llamakit.safety.classifier.RequestWording;
import dev.llamakit.safety.data.BenignText;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.FastTextTrainer;
import dev.llamakit.safety.fasttext.TextFeatures;
import dev.llamakit.safety.fasttext.TrainingRun;
import dev.llamakit.safety.injection.PromptAttackShield;
import dev.llamakit.safety.metrics.BinaryMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The moderation classifier's off-distribution evaluation protocol ({@code llamakit safety eval --protocol}).
 *
 * <ol>
 *   <li>Leave one source out: for each public source, train the shipped recipe without it (and without any text of
 *       it that another source repeats), then score that source with the shield's decision rule: harmful-request
 *       sources give recall at the block threshold, content sources AUPRC (and recall / FPR).</li>
 *   <li>The evaluation-only suites ({@link EvalSuites}) with the model under test: hard negatives per domain and
 *       ordinary requests, as the fraction BLOCKed (the false-positive rate at the shipped thresholds).</li>
 *   <li>FLORES-200 lines held out of training (the recipe's 10% split by line, all translations together).</li>
 *   <li>The issue-14 tour prompts, with the moderation shield and the prompt-attack shield.</li>
 *   <li>The prompt-attack detector on clean and injected documents by type ({@link InjectionProtocol}).</li>
 * </ol>
 */
public final class ModerationProtocol {
  /** Sources of harmful requests (prompts), held out one at a time. */
  public static final List<String> REQUEST_SOURCES = List.of("advbench", "do-not-answer", "gptfuzz:questions");
  /** Sources of harmful and benign content (posts, statements), held out one at a time. */
  public static final List<String> CONTENT_SOURCES =
      List.of("davidson-hate-offensive", "hate-speech-degibert", "toxigen-prompts");

  /**
   * What to run: {@code hardNegatives} picks the recipe (true = hard negatives, generated requests and {@link ModerationClassifier#features},
   * false = the recipe before issue 14), {@code loso} runs the
   * leave-one-source-out trainings (about a minute each), {@code sources} limits them (empty = all six).
   */
  public record Options(Path safetyTrain, Path dataRoot, boolean hardNegatives, boolean loso, List<String> sources) {}

  /**
   * The shipped recipe's fastText parameters without the retraining pass after quantization (it doubles the time of
   * each of the six trainings on a loaded 2-core machine; the shipped model keeps it).
   */
  public static final FastTextTrainer.Params LOSO_PARAMS = withoutRetrain(ModerationTrainer.PARAMS);

  private ModerationProtocol() {}

  private static FastTextTrainer.Params withoutRetrain(FastTextTrainer.Params p) {
    return new FastTextTrainer.Params(p.dim(), p.epoch(), p.lr(), p.wordNgrams(), p.minn(), p.maxn(), p.bucket(),
        p.minCount(), p.cutoff(), p.qnorm(), false);
  }

  /** Runs the protocol with {@code model} as the model under test for the suites, FLORES and the tour. */
  public static Map<String, Object> run(ModerationClassifier model, Options o, PrintStream log) throws IOException {
    ModerationShield shield = new ModerationShield(model, ModerationShield.Config.defaults());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("recipe", o.hardNegatives() ? "with hard negatives (issue 14)" : "before issue 14 (no hard negatives)");
    report.put("blockThreshold", ModerationShield.Config.defaults().blockThreshold());
    List<Example> hard = EvalSuites.hardNegatives();
    report.put("hardNegativeSuite", suite(shield, hard, e -> e.source().substring(EvalSuites.HARD_NEGATIVES.length() + 1)));
    report.put("benignRequestSuite", suite(shield, EvalSuites.benignRequests(), e -> "all"));
    if (o.dataRoot() != null && Files.isDirectory(o.dataRoot().resolve("langid/flores200-dev"))) {
      List<Example> flores = TrainingRun.split(BenignText.flores(o.dataRoot()), "safe",
          ModerationTrainer.VALIDATION_PERCENT).validation();
      report.put("floresHeldOut", suite(shield, flores, e -> "all"));
    }
    report.put("tour", tour(shield));
    report.put("promptAttackOnUserSuites", userTurnAttackRate(hard, EvalSuites.benignRequests()));
    if (o.dataRoot() != null) report.put("injectionDocuments", InjectionProtocol.run(PromptAttackShield.standard(), o.dataRoot()));
    if (o.loso()) report.put("leaveOneSourceOut", leaveOneSourceOut(o, log));
    return report;
  }

  /** Per group: n, BLOCKed fraction (FPR at the shipped thresholds), score >= 0.5 fraction, a few blocked texts. */
  static Map<String, Object> suite(ModerationShield shield, List<Example> xs, Function<Example, String> group) {
    Map<String, List<ShieldResult>> byGroup = new TreeMap<>();
    Map<String, List<String>> blockedTexts = new TreeMap<>();
    int blocked = 0;
    for (Example e : xs) {
      ShieldResult r = shield.checkText(Role.USER, e.text());
      byGroup.computeIfAbsent(group.apply(e), k -> new ArrayList<>()).add(r);
      if (r.decision() == Decision.BLOCK) {
        blocked++;
        List<String> b = blockedTexts.computeIfAbsent(group.apply(e), k -> new ArrayList<>());
        if (b.size() < 5) b.add(e.text() + " -> " + String.format("%.3f %s", r.score(), r.categoryList()));
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("n", xs.size());
    out.put("blockedRate", round((double) blocked / Math.max(1, xs.size())));
    if (byGroup.size() > 1) {
      Map<String, Object> g = new LinkedHashMap<>();
      for (var en : byGroup.entrySet()) g.put(en.getKey(), rates(en.getValue()));
      out.put("byGroup", g);
    }
    out.put("blockedExamples", blockedTexts);
    return out;
  }

  private static Map<String, Object> rates(List<ShieldResult> rs) {
    long b = rs.stream().filter(r -> r.decision() == Decision.BLOCK).count();
    long s = rs.stream().filter(r -> r.score() >= 0.5).count();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", rs.size());
    m.put("blockedRate", round((double) b / rs.size()));
    m.put("scoreAtLeastHalf", round((double) s / rs.size()));
    return m;
  }

  static Map<String, Object> tour(ModerationShield shield) {
    EvalSuites.Tour t = EvalSuites.tour();
    PromptAttackShield attack = PromptAttackShield.standard();
    Map<String, Object> m = new LinkedHashMap<>();
    for (String p : t.benign()) {
      ShieldResult r = shield.checkText(Role.USER, p);
      m.put(p, "moderation " + r.decision() + String.format(" %.4f %s", r.score(), r.categoryList()));
    }
    for (String p : t.injection()) {
      ShieldResult r = attack.checkText(Role.USER, p);
      ShieldResult mr = shield.checkText(Role.USER, p);
      m.put(p, "prompt-attack " + r.decision() + String.format(" %.4f %s", r.score(), r.categoryList())
          + "; moderation " + mr.decision() + String.format(" %.4f %s", mr.score(), mr.categoryList()));
    }
    return m;
  }

  /** The prompt-attack shield's BLOCK rate on the (benign) suites as user turns. */
  static Map<String, Object> userTurnAttackRate(List<Example> hard, List<Example> benign) {
    PromptAttackShield a = PromptAttackShield.standard();
    Map<String, Object> m = new LinkedHashMap<>();
    for (var e : Map.of("hardNegativeSuite", hard, "benignRequestSuite", benign).entrySet()) {
      long b = e.getValue().stream().filter(x -> a.checkText(Role.USER, x.text()).decision() == Decision.BLOCK).count();
      m.put(e.getKey(), round((double) b / e.getValue().size()));
    }
    return m;
  }

  /** One training per held-out source; figures on that source only. */
  static Map<String, Object> leaveOneSourceOut(Options o, PrintStream log) throws IOException {
    ModerationDataset dataset = new ModerationDataset(o.hardNegatives());
    List<Example> all = dataset.loadUncapped(o.safetyTrain(), o.dataRoot());
    List<String> sources = new ArrayList<>(REQUEST_SOURCES);
    sources.addAll(CONTENT_SOURCES);
    if (!o.sources().isEmpty()) sources.retainAll(o.sources());
    Map<String, Object> out = new LinkedHashMap<>();
    Path dir = Files.createTempDirectory("llamakit-loso-");
    try {
      for (String held : sources) {
        List<Example> test = all.stream().filter(e -> e.source().equals(held)).toList();
        Set<String> heldTexts = new HashSet<>();
        for (Example e : test) heldTexts.add(TextFeatures.normalize(e.text()));
        // Trained on the recipe's capped data, evaluated on the whole held-out source.
        List<Example> train = subsample(dataset.capped(all.stream().filter(e -> !e.source().equals(held)
            && !heldTexts.contains(TextFeatures.normalize(e.text()))).toList()));
        log.printf("leave-one-source-out: %s held out (%d texts), training on %d%n", held, test.size(), train.size());
        Path model = dir.resolve("without-" + held.replace(':', '-') + ".ftz");
        TrainingRun.run(train, "safe", 0, ModerationTrainer.SEED, LOSO_PARAMS, model, 0, log,
            o.hardNegatives() ? ModerationClassifier::features : x -> x);
        ModerationClassifier c = new ModerationClassifier(model, o.hardNegatives());
        Map<String, Object> f = heldOutFigures(new ModerationShield(c, ModerationShield.Config.defaults()), c, test);
        out.put(held, f);
        // Each source's figures as soon as they exist (six trainings take long on a loaded machine).
        log.println("leave-one-source-out result: " + held + " " + new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(f));
        Files.deleteIfExists(model);
      }
    } finally {
      try (var s = Files.list(dir)) {
        for (Path p : s.toList()) Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    }
    return out;
  }

  /** Cap on the examples of each generic benign-text source in the leave-one-source-out trainings. */
  public static final int LOSO_BENIGN_CAP = 5000;

  /**
   * The leave-one-source-out training set, subsampled so six trainings fit in minutes on a loaded 2-core machine:
   * FLORES-200 is left out (it is measured with the shipped model, on held-out lines) and each other generic benign
   * text source ({@code benign:*}: benchmarks, WikiText-2, generated requests, hard negatives) keeps at most
   * {@link #LOSO_BENIGN_CAP} examples chosen by hash; every labelled public source is kept whole.
   */
  static List<Example> subsample(List<Example> xs) {
    Map<String, Integer> seen = new java.util.HashMap<>();
    List<Example> out = new ArrayList<>();
    List<Example> sorted = new ArrayList<>(xs);
    sorted.sort(java.util.Comparator.comparingLong(e -> dev.llamakit.safety.fasttext.Split.fnv1a("loso\u0000" + e.text())));
    for (Example e : sorted) {
      if (e.source().equals("benign:flores200")) continue;
      if (e.source().startsWith("benign:") && seen.merge(e.source(), 1, Integer::sum) > LOSO_BENIGN_CAP) continue;
      out.add(e);
    }
    return out;
  }

  /** Recall (BLOCKed) and FPR at the shield's thresholds, AUPRC of the unsafe score, recall per labelled category. */
  static Map<String, Object> heldOutFigures(ModerationShield shield, ModerationClassifier c, List<Example> test) {
    // De-duplicate by normalized text as training does (a text labelled both ways keeps the harmful label).
    List<Example> xs = TrainingRun.split(test, "safe", 0).train();
    double[] scores = new double[xs.size()];
    boolean[] pos = new boolean[xs.size()];
    int tp = 0, p = 0, fp = 0;
    Map<String, int[]> perCat = new TreeMap<>();
    for (int i = 0; i < xs.size(); i++) {
      Example e = xs.get(i);
      ShieldResult r = shield.checkText(Role.USER, e.text());
      scores[i] = r.score();
      pos[i] = !e.label().equals("safe");
      boolean blocked = r.decision() == Decision.BLOCK;
      if (pos[i]) {
        p++;
        if (blocked) tp++;
        int[] a = perCat.computeIfAbsent(c.category(e.label()).code() + " " + e.label(), k -> new int[2]);
        a[0]++;
        if (r.decision() != Decision.ALLOW) a[1]++;
      } else if (blocked) {
        fp++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", xs.size());
    m.put("unsafe", p);
    m.put("recallBlocked", p == 0 ? null : round((double) tp / p));
    m.put("fprBlocked", xs.size() - p == 0 ? null : round((double) fp / (xs.size() - p)));
    if (p > 0 && p < xs.size()) {
      m.put("auprc", round(BinaryMetrics.averagePrecision(scores, pos)));
      m.put("atHalf", BinaryMetrics.of(scores, pos, 0.5).toMap());
    }
    Map<String, Object> cats = new LinkedHashMap<>();
    for (var en : perCat.entrySet()) {
      cats.put(en.getKey(), Map.of("n", en.getValue()[0], "recallFlagged", round((double) en.getValue()[1] / en.getValue()[0])));
    }
    m.put("byCategoryRecallWarnOrBlock", cats);
    return m;
  }

  static double round(double v) { return Math.round(v * 10000) / 10000.0; }
}
