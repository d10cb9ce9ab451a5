package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.filters.quality.QualityCalibration;
import dev.llamakit.pipelines.filters.quality.QualityCorpus;
import dev.llamakit.pipelines.filters.quality.QualityModel;
import dev.llamakit.pipelines.filters.quality.QualityTrainer;
import dev.llamakit.safety.fasttext.FastTextTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code llamakit pipeline train-classifier}: trains the {@code quality_classifier} step's fastText model (LLaMA's
 * "pages used as references in Wikipedia v.s. randomly sampled pages"), see
 * {@link dev.llamakit.pipelines.filters.quality.QualityTrainer}; and {@code llamakit pipeline calibrate-classifier}
 * ({@link Calibrate}): the threshold that keeps a top fraction of a sample.
 */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
    description = {"Train a quality classifier (fastText, single-threaded, seeded): reference-like documents "
        + "(--positive) against random web pages (--negative). Writes the model and NAME-validation.json beside it "
        + "(held-out and leave-one-source-out precision/recall/F1/AUPRC).",
        "Inputs: .jsonl/.json(.gz) (text in --text-field) or plain text (--text-unit file|line); NAME=FILE groups "
        + "files into one source."})
public final class TrainClassifierCommand implements Callable<Integer> {
  @Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--positive", arity = "1..*", required = true, paramLabel = "[NAME=]FILE",
      description = "Reference-like documents.") List<String> positive = new ArrayList<>();

  @Option(names = "--negative", arity = "1..*", required = true, paramLabel = "[NAME=]FILE",
      description = "Random web pages.") List<String> negative = new ArrayList<>();

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "MODEL",
      description = "Model file: .ftz (quantized) or .bin.") Path output;

  @Option(names = "--positive-label", defaultValue = "wiki", description = "Default: ${DEFAULT-VALUE} (RPv1's).")
  String positiveLabel;

  @Option(names = "--negative-label", defaultValue = "cc", description = "Default: ${DEFAULT-VALUE} (RPv1's).")
  String negativeLabel;

  @Option(names = "--text-field", defaultValue = "text", description = "JSONL text field (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(names = "--text-unit", defaultValue = "FILE",
      description = "A plain-text file is one document (FILE) or one per line (LINE); default ${DEFAULT-VALUE}.")
  QualityCorpus.Unit textUnit;

  @Option(names = "--chunk-chars", defaultValue = "0",
      description = "Cut documents at line breaks into pieces of about this many characters (0: whole).")
  int chunkChars;

  @Option(names = "--min-chars", defaultValue = "100", description = "Skip pieces shorter than this (default: ${DEFAULT-VALUE}).")
  int minChars;

  @Option(names = "--seed", defaultValue = "1") long seed;

  @Option(names = "--validation-percent", defaultValue = "10") int validationPercent;

  @Option(names = "--balance", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Train on as many pieces of each label as the rarer label has (default: ${DEFAULT-VALUE}).")
  boolean balance;

  @Option(names = "--threshold", defaultValue = "0.25",
      description = "Threshold the report's figures are computed at (the rule's; default ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--no-leave-one-out", description = "Skip the leave-one-source-out runs.") boolean noLeaveOneOut;

  @Option(names = "--dim", defaultValue = "100") int dim;
  @Option(names = "--epoch", defaultValue = "5") int epoch;
  @Option(names = "--lr", defaultValue = "0.1") double lr;
  @Option(names = "--word-ngrams", defaultValue = "1") int wordNgrams;
  @Option(names = "--minn", defaultValue = "0") int minn;
  @Option(names = "--maxn", defaultValue = "0") int maxn;

  @Option(names = "--bucket", defaultValue = "-1",
      description = "Hash buckets for n-grams (default: 0 when --word-ngrams 1 and --maxn 0, else 2000000).")
  int bucket;

  @Option(names = "--min-count", defaultValue = "1") int minCount;

  @Option(names = "--cutoff", defaultValue = "0", description = ".ftz: keep this many words/n-grams (0: all).")
  int cutoff;

  @Option(names = "--qnorm", description = ".ftz: quantize the norms too.") boolean qnorm;

  @Option(names = "--retrain", description = ".ftz: fine-tune after the cutoff.") boolean retrain;

  @Override
  public Integer call() throws Exception {
    int b = bucket >= 0 ? bucket : (wordNgrams <= 1 && maxn == 0 ? 0 : 2_000_000);
    var params = new FastTextTrainer.Params(dim, epoch, lr, wordNgrams, minn, maxn, b, minCount, cutoff, qnorm, retrain);
    QualityTrainer.Options o;
    try {
      o = new QualityTrainer.Options(QualityCorpus.sources(positive, positiveLabel),
          QualityCorpus.sources(negative, negativeLabel),
          new QualityCorpus.Reading(textField, textUnit, chunkChars, minChars), output, seed, validationPercent,
          params, balance, threshold, !noLeaveOneOut);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Map<String, Object> r = QualityTrainer.train(o, System.err);
    System.out.println(output + " (" + r.get("bytes") + " bytes); report " + QualityTrainer.reportPath(output));
    if (r.get("validation") instanceof Map<?, ?> v) {
      System.out.println("held out: " + v.get("overall"));
    }
    if (r.get("leaveOneSourceOut") instanceof Map<?, ?> l) {
      l.forEach((k, v) -> System.out.println("without " + k + ": " + ((Map<?, ?>) v).get("overall")));
    }
    return 0;
  }

  /** {@code llamakit pipeline calibrate-classifier}: the threshold keeping the top fraction of a sample. */
  @Command(name = "calibrate-classifier", mixinStandardHelpOptions = true,
      description = {"Score a sample of the corpus with a quality model and print the threshold that keeps the top "
          + "--keep-top-fraction of it, for the quality_classifier step's 'threshold' (a rule sees one document at "
          + "a time, so keep-top-fraction is calibrated here, on a sample like the corpus: same language, same "
          + "earlier steps)."})
  public static final class Calibrate implements Callable<Integer> {
    @Spec CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(arity = "1..*", paramLabel = "FILE", description = "Sample documents (.jsonl(.gz) or text).")
    List<Path> files = new ArrayList<>();

    @Option(names = "--model", defaultValue = "default", description = "Model file or 'default' (shipped).")
    String model;

    @Option(names = "--label", defaultValue = "wiki") String label;

    @Option(names = "--keep-top-fraction", required = true) double fraction;

    @Option(names = "--text-field", defaultValue = "text") String textField;

    @Option(names = "--text-unit", defaultValue = "LINE",
        description = "A plain-text file is one document (FILE) or one per line (LINE); default ${DEFAULT-VALUE}.")
    QualityCorpus.Unit textUnit;

    @Override
    public Integer call() throws Exception {
      List<String> texts = new ArrayList<>();
      var reading = new QualityCorpus.Reading(textField, textUnit, 0, 0);
      for (Path f : files) {
        QualityCorpus.read(new QualityCorpus.Source("sample", label, List.of(f)), reading).forEach(e -> texts.add(e.text()));
      }
      QualityCalibration c;
      try {
        c = QualityCalibration.of(QualityModel.load(model, label), texts, fraction);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
      System.out.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(c.toMap()));
      System.out.printf(java.util.Locale.ROOT, "recipe: quality_classifier: {model: %s, threshold: %s}%n", model,
          c.threshold());
      return 0;
    }
  }
}
