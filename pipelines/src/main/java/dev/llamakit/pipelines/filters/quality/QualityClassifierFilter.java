package dev.llamakit.pipelines.filters.quality;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * LLaMA's quality classifier as RedPajama-v1 rebuilt it: a fastText model scores each page's text as "reference
 * like" ({@code label}); the page is kept when that probability is at least {@code threshold} (0.25, RPv1's
 * {@code cc_classifier.sh}) and dropped as {@code QUALITY_BELOW_THRESHOLD} otherwise. The score is reported as the
 * signal {@code quality_score}.
 *
 * <p>Only documents whose language (set by an earlier {@code language} step) is in {@code languages} are scored;
 * the others — and documents with no language when {@code languages} is not empty — are kept unscored with the
 * signal {@code quality_skipped} saying why, never dropped: the model knows one language. An empty
 * {@code languages} scores every document.
 *
 * <p>Keeping a top fraction needs the whole corpus, which a rule does not see: calibrate a threshold on a sample
 * with {@code llamakit pipeline calibrate-classifier} ({@link QualityCalibration}) and pass it as
 * {@code threshold}.
 */
public final class QualityClassifierFilter implements DocumentFilter {
  /** Dropped: the positive-label probability is below {@code threshold}. */
  public static final DropReason QUALITY_BELOW_THRESHOLD = DropReason.of("QUALITY_BELOW_THRESHOLD");
  /** The signal holding the score. */
  public static final String SCORE = "quality_score";
  /** The signal saying why a kept document was not scored. */
  public static final String SKIPPED = "quality_skipped";

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** A fastText model file, or {@code default} for the model shipped with llamakit (English). */
    public String model = QualityModel.DEFAULT;
    /** Keep when P(label) is at least this (RPv1: 0.25); 0 keeps everything and only scores. */
    public double threshold = 0.25;
    /** The positive label of the model, without {@code __label__}. */
    public String label = QualityModel.DEFAULT_LABEL;
    /** Score only documents in these languages (empty: all); the others are kept unscored. */
    public List<String> languages = new ArrayList<>(List.of("en"));
  }

  private final String model;
  private final double threshold;
  private final String label;
  private final Set<String> languages;
  private transient QualityModel classifier;

  public QualityClassifierFilter(Params p) {
    if (!(p.threshold >= 0 && p.threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1, not " + p.threshold);
    }
    if (p.label == null || p.label.isBlank()) {
      throw new IllegalArgumentException("label must name the model's positive label");
    }
    if (p.model == null || p.model.isBlank()) {
      throw new IllegalArgumentException("model must be a fastText model file or 'default'");
    }
    this.model = QualityModel.DEFAULT.equals(p.model) ? p.model : resolve(p.model);
    this.threshold = p.threshold;
    this.label = p.label.startsWith("__label__") ? p.label.substring("__label__".length()) : p.label;
    this.languages = Set.copyOf(p.languages.stream().map(l -> l.toLowerCase(Locale.ROOT)).toList());
  }

  /** On the driver: the file must exist and be a fastText model, so a bad path fails before any worker starts. */
  private static String resolve(String model) {
    Path f = Path.of(model).toAbsolutePath();
    QualityModel.checkFastTextFile(f);
    return f.toString();
  }

  @Override
  public void open() {
    classifier = QualityModel.load(model, label);
  }

  @Override
  public Verdict apply(Document d) {
    if (!languages.isEmpty()) {
      Document.Language l = d.language();
      if (l == null) {
        return Verdict.keep().signal(SKIPPED, "no language");
      }
      if (!languages.contains(l.label())) {
        return Verdict.keep().signal(SKIPPED, "language " + l.label());
      }
    }
    double score = classifier.score(d.rawContent());
    if (score < threshold) {
      return Verdict.drop(QUALITY_BELOW_THRESHOLD, String.format(Locale.ROOT, "P(%s) %.4f < %s", label, score,
          threshold)).signal(SCORE, score);
    }
    return Verdict.keep().signal(SCORE, score);
  }

  @Override
  public void close() {
    classifier = null;
  }

  /** The model as resolved ({@code default} or an absolute file). */
  public String model() {
    return model;
  }
}
