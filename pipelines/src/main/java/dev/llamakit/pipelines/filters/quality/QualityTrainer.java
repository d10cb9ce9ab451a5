package dev.llamakit.pipelines.filters.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.github.jfasttext.JFastText;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.safety.data.Example;
import dev.llamakit.safety.fasttext.FastTextTrainer;
import dev.llamakit.safety.fasttext.Split;
import dev.llamakit.safety.fasttext.TrainingRun;
import dev.llamakit.safety.metrics.BinaryMetrics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Trains a quality classifier ({@code llamakit pipeline train-classifier}): reference-like documents (positive
 * label, RPv1's {@code wiki}) against random web pages (negative label, {@code cc}), with fastText supervised
 * training through safety's {@link TrainingRun} / {@link FastTextTrainer} (single thread, seeded order: the same
 * inputs and options give the same model).
 *
 * <p>The recipe, step by step:
 * <ol>
 *   <li>read every source ({@link QualityCorpus}) and cut documents into page-sized pieces;</li>
 *   <li>normalise each piece as the rule will at inference ({@link QualityModel#normalize}), drop empty ones and
 *       de-duplicate by normalised text (a text under both labels keeps the positive one);</li>
 *   <li>split by FNV-1a hash of the document ({@code validationPercent} % held out; every piece of a document on
 *       the same side);</li>
 *   <li>with {@code balance}, keep as many training pieces of the larger class as the smaller one has (RPv1 used
 *       equal numbers), chosen in seeded hash order;</li>
 *   <li>train ({@code .ftz}: quantized; {@code .bin}: full model) and write a report beside the model
 *       ({@code NAME-validation.json}): counts, precision / recall / F1 / FPR at {@code threshold} and at 0.5 and
 *       AUPRC on the held-out split (with {@code balance}, as many held-out pieces of each label, chosen the same
 *       way, so that AUPRC is not inflated by one label's majority), overall and per source;</li>
 *   <li>out of distribution: when a label has two or more sources, for each source S train again without S (same
 *       recipe) and test on all of S against the held-out pieces of the other label (balanced likewise;
 *       {@code leaveOneSourceOut}).
 *       A random split of the training sources says how well the sources are told apart, not whether the model
 *       generalises to a kind of page it has not seen; these figures say more.</li>
 * </ol>
 */
public final class QualityTrainer {
  /**
   * One training run.
   *
   * @param threshold the decision threshold the report's figures are computed at (the rule's, 0.25)
   * @param leaveOneOut also run the leave-one-source-out validation
   */
  public record Options(List<QualityCorpus.Source> positives, List<QualityCorpus.Source> negatives,
                        QualityCorpus.Reading reading, Path output, long seed, int validationPercent,
                        FastTextTrainer.Params params, boolean balance, double threshold, boolean leaveOneOut) {
    public Options {
      if (positives.isEmpty() || negatives.isEmpty()) {
        throw new IllegalArgumentException("need at least one positive and one negative source");
      }
      if (validationPercent < 0 || validationPercent >= 100) {
        throw new IllegalArgumentException("validation percent must be 0-99, not " + validationPercent);
      }
      String n = output.getFileName().toString();
      if (!n.endsWith(".ftz") && !n.endsWith(".bin")) {
        throw new IllegalArgumentException("output must end in .ftz (quantized) or .bin, not " + n);
      }
      String pos = positives.getFirst().label();
      String neg = negatives.getFirst().label();
      if (pos.equals(neg)) {
        throw new IllegalArgumentException("positive and negative labels are both '" + pos + "'");
      }
    }

    String positiveLabel() {
      return positives.getFirst().label();
    }

    String negativeLabel() {
      return negatives.getFirst().label();
    }
  }

  private QualityTrainer() {}

  /** Runs the recipe; writes the model and its report; returns the report. */
  public static Map<String, Object> train(Options o, PrintStream log) throws IOException {
    List<QualityCorpus.Source> sources = new ArrayList<>(o.positives());
    sources.addAll(o.negatives());
    List<Example> all = new ArrayList<>();
    Map<String, Object> sourceReport = new LinkedHashMap<>();
    for (QualityCorpus.Source s : sources) {
      List<Example> xs = QualityCorpus.read(s, o.reading());
      log.printf("source %s (%s): %d pieces from %d file(s)%n", s.name(), s.label(), xs.size(), s.files().size());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", s.label());
      m.put("files", s.files().stream().map(p -> p.getFileName().toString()).toList());
      m.put("pieces", xs.size());
      sourceReport.put(s.name(), m);
      all.addAll(xs);
    }
    TrainingRun.Parts parts = TrainingRun.split(all, o.negativeLabel(), o.validationPercent());
    List<Example> train = o.balance() ? balance(parts.train(), o.seed()) : parts.train();
    log.printf("%d pieces after de-duplication: %d train (%d used), %d validation%n",
        parts.train().size() + parts.validation().size(), parts.train().size(), train.size(), parts.validation().size());
    fit(train, o.output(), o, log);

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("model", o.output().getFileName().toString());
    report.put("bytes", Files.size(o.output()));
    report.put("positiveLabel", o.positiveLabel());
    report.put("negativeLabel", o.negativeLabel());
    Map<String, Object> recipe = new LinkedHashMap<>();
    recipe.put("params", o.params().toString());
    recipe.put("seed", o.seed());
    recipe.put("validationPercent", o.validationPercent());
    recipe.put("chunkChars", o.reading().chunkChars());
    recipe.put("minChars", o.reading().minChars());
    recipe.put("balance", o.balance());
    recipe.put("normalisation", "safety TextFeatures.normalize: NFKC, lower case, line breaks and white space to "
        + "one space, words split from punctuation, URLs and 3+-digit numbers as placeholder tokens");
    report.put("recipe", recipe);
    report.put("sources", sourceReport);
    report.put("trainCounts", counts(train));
    report.put("validationCounts", counts(parts.validation()));
    if (!parts.validation().isEmpty()) {
      QualityModel m = QualityModel.load(o.output().toString(), o.positiveLabel());
      report.put("validation", evaluate(m, o.balance() ? balance(parts.validation(), o.seed()) : parts.validation(),
          o.positiveLabel(), o.threshold()));
    }
    if (o.leaveOneOut()) {
      report.put("leaveOneSourceOut", leaveOneSourceOut(o, parts, log));
    }
    writeJson(report, reportPath(o.output()));
    return report;
  }

  /** {@code dir/model.ftz -> dir/model-validation.json}. */
  public static Path reportPath(Path model) {
    String n = model.getFileName().toString().replaceFirst("\\.(ftz|bin)$", "");
    return model.resolveSibling(n + "-validation.json");
  }

  /** As many pieces of every label as the rarest label has, each label's in seeded hash order. */
  static List<Example> balance(List<Example> xs, long seed) {
    Map<String, List<Example>> byLabel = new TreeMap<>();
    for (Example e : xs) {
      byLabel.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(e);
    }
    int n = byLabel.values().stream().mapToInt(List::size).min().orElse(0);
    List<Example> out = new ArrayList<>();
    for (List<Example> l : byLabel.values()) {
      l.sort(Comparator.comparingLong(e -> Split.fnv1a(seed + "\u0001" + e.text())));
      out.addAll(l.subList(0, n));
    }
    return out;
  }

  /** Trains on exactly {@code train} (already split) and writes {@code out}. */
  private static void fit(List<Example> train, Path out, Options o, PrintStream log) throws IOException {
    if (train.stream().map(Example::label).distinct().count() < 2) {
      throw new IllegalArgumentException("training data has fewer than two labels (" + counts(train) + ")");
    }
    if (out.getFileName().toString().endsWith(".ftz")) {
      // validation percent 0: TrainingRun only orders (seeded), writes, trains and quantizes.
      TrainingRun.run(train, o.negativeLabel(), 0, o.seed(), o.params(), out, 0, log);
      return;
    }
    List<Example> ordered = new ArrayList<>(train);
    ordered.sort(Comparator.comparingLong(e -> Split.fnv1a(o.seed() + "\u0000" + e.text())));
    Path work = Files.createTempDirectory("llamakit-quality-");
    try {
      Path file = work.resolve("train.txt");
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        for (Example e : ordered) {
          w.write("__label__" + e.label() + " " + QualityModel.normalize(e.text()));
          w.write('\n');
        }
      }
      log.printf("training on %d examples, params %s%n", ordered.size(), o.params());
      FastTextTrainer.Params p = o.params();
      List<String> args = List.of("supervised", "-input", file.toString(), "-output", work.resolve("model").toString(),
          "-dim", "" + p.dim(), "-epoch", "" + p.epoch(), "-lr", "" + p.lr(), "-wordNgrams", "" + p.wordNgrams(),
          "-minn", "" + p.minn(), "-maxn", "" + p.maxn(), "-bucket", "" + p.bucket(), "-minCount", "" + p.minCount(),
          "-loss", "softmax", "-thread", "1");
      new JFastText().runCmd(args.toArray(String[]::new));
      Path bin = work.resolve("model.bin");
      if (!Files.isRegularFile(bin)) {
        throw new IOException("fastText wrote no model under " + work);
      }
      AtomicFile.replace(out, tmp -> Files.copy(bin, tmp, StandardCopyOption.REPLACE_EXISTING));
    } finally {
      try (var s = Files.walk(work)) {
        s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  /** Figures on held-out pieces: overall at {@code threshold} and at 0.5, and per source at {@code threshold}. */
  public static Map<String, Object> evaluate(QualityModel m, List<Example> xs, String positive, double threshold) {
    double[] scores = new double[xs.size()];
    boolean[] pos = new boolean[xs.size()];
    Map<String, List<Integer>> bySource = new TreeMap<>();
    for (int i = 0; i < xs.size(); i++) {
      scores[i] = m.score(xs.get(i).text());
      pos[i] = xs.get(i).label().equals(positive);
      bySource.computeIfAbsent(xs.get(i).source(), k -> new ArrayList<>()).add(i);
    }
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("overall", BinaryMetrics.of(scores, pos, threshold).toMap());
    if (threshold != 0.5) {
      r.put("overallAt0.5", BinaryMetrics.of(scores, pos, 0.5).toMap());
    }
    Map<String, Object> src = new LinkedHashMap<>();
    for (var en : bySource.entrySet()) {
      List<Integer> ix = en.getValue();
      int kept = 0;
      double sum = 0;
      for (int i : ix) {
        sum += scores[i];
        if (scores[i] >= threshold) {
          kept++;
        }
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("n", ix.size());
      s.put("label", xs.get(ix.getFirst()).label());
      s.put("keptAtThreshold", round((double) kept / ix.size()));
      s.put("meanScore", round(sum / ix.size()));
      src.put(en.getKey(), s);
    }
    r.put("bySource", src);
    return r;
  }

  private static Map<String, Object> leaveOneSourceOut(Options o, TrainingRun.Parts parts, PrintStream log)
      throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    List<Example> everything = new ArrayList<>(parts.train());
    everything.addAll(parts.validation());
    for (List<QualityCorpus.Source> side : List.of(o.positives(), o.negatives())) {
      Set<String> names = new LinkedHashSet<>();
      side.forEach(s -> names.add(s.name()));
      if (names.size() < 2) {
        continue;
      }
      String label = side.getFirst().label();
      for (String held : names) {
        List<Example> rest = parts.train().stream().filter(e -> !e.source().equals(held)).toList();
        List<Example> test = new ArrayList<>(everything.stream().filter(e -> e.source().equals(held)).toList());
        test.addAll(parts.validation().stream().filter(e -> !e.label().equals(label)).toList());
        if (o.balance()) {
          test = balance(test, o.seed());
        }
        if (test.stream().noneMatch(e -> e.source().equals(held))) {
          continue;
        }
        String ext = o.output().getFileName().toString().endsWith(".ftz") ? ".ftz" : ".bin";
        Path tmp = Files.createTempFile("llamakit-quality-loso-", ext);
        try {
          log.printf("leave-one-source-out: without %s%n", held);
          fit(o.balance() ? balance(rest, o.seed()) : rest, tmp, o, log);
          QualityModel m = QualityModel.load(tmp.toString(), o.positiveLabel());
          Map<String, Object> r = evaluate(m, test, o.positiveLabel(), o.threshold());
          r.put("heldOutLabel", label);
          r.put("test", "all pieces of " + held + " + the held-out validation pieces of the other label");
          out.put(held, r);
        } finally {
          Files.deleteIfExists(tmp);
        }
      }
    }
    return out;
  }

  private static Map<String, Integer> counts(List<Example> xs) {
    Map<String, Integer> m = new TreeMap<>();
    for (Example e : xs) {
      m.merge(e.label(), 1, Integer::sum);
    }
    return m;
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }

  /** Pretty JSON, written atomically. */
  static void writeJson(Object value, Path file) throws IOException {
    AtomicFile.writeBytes(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(value));
  }
}
