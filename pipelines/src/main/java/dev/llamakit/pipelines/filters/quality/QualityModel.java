package dev.llamakit.pipelines.filters.quality;

import dev.llamakit.pipelines.fasttext.FastTextModel;
import dev.llamakit.pipelines.io.Resources;
import dev.llamakit.safety.fasttext.TextFeatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A loaded quality classifier: a supervised fastText model and the name of its positive ("reference-like") label.
 * {@link #score} is the probability of that label for a document's text after {@link #normalize} — the same
 * normalisation the trainer applied to every training line, so training and inference see the same tokens.
 *
 * <p>Inference runs in pure Java ({@link FastTextModel}, equal to the native fastText that trained the model);
 * training stays with JFastText. The file is checked first (fastText's magic number and version 12) so a wrong path
 * fails here, with the file named.
 *
 * <pre>{@code
 * QualityModel m = QualityModel.load("default", "wiki");          // or a path to a .bin / .ftz
 * double p = m.score(document.rawContent());                      // P(wiki), 0..1
 * }</pre>
 */
public final class QualityModel {
  /** The name that selects the model shipped in this package. */
  public static final String DEFAULT = "default";
  /** The shipped model's class-path resource, next to this class. */
  public static final String DEFAULT_RESOURCE = "default-quality.ftz";
  /** The shipped model's positive label. */
  public static final String DEFAULT_LABEL = "wiki";

  private static final String LABEL_PREFIX = "__label__";

  private static volatile Path extractedDefault;

  private final FastTextModel model;
  private final String label;
  private final String name;
  private final int nlabels;

  private QualityModel(FastTextModel model, String label, String name) {
    List<String> labels = model.labels().stream()
        .map(l -> l.startsWith(LABEL_PREFIX) ? l.substring(LABEL_PREFIX.length()) : l).toList();
    if (!labels.contains(label)) {
      throw new IllegalArgumentException("model " + name + " has no label '" + label + "' (labels: "
          + String.join(", ", labels) + ")");
    }
    this.model = model;
    this.label = label;
    this.name = name;
    this.nlabels = model.labels().size();
  }

  /**
   * Loads {@code spec}: {@value #DEFAULT} for the shipped model, else a fastText model file.
   *
   * @throws IllegalArgumentException when the file is missing, is not a fastText model, or lacks {@code label}
   */
  public static QualityModel load(String spec, String label) {
    Path f = DEFAULT.equals(spec) ? defaultFile() : Path.of(spec);
    checkFastTextFile(f);
    try {
      return new QualityModel(FastTextModel.load(f), label,
          DEFAULT.equals(spec) ? "default (" + DEFAULT_RESOURCE + ")" : f.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("quality model file " + f + ": " + e.getMessage(), e);
    }
  }

  /** The shipped model, copied once per JVM out of the jar into a temporary folder. */
  private static synchronized Path defaultFile() {
    if (extractedDefault == null) {
      try {
        Path dir = Files.createTempDirectory("llamakit-quality");
        Path f = Resources.extract(QualityModel.class, DEFAULT_RESOURCE, dir.resolve(DEFAULT_RESOURCE));
        f.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        extractedDefault = f;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot extract the shipped quality model", e);
      }
    }
    return extractedDefault;
  }

  /**
   * Fails with a message naming {@code file} unless it exists and starts like a fastText model ({@code .bin} or
   * {@code .ftz}: fastText's magic number and a version the pure-Java reader supports), without loading it.
   */
  public static void checkFastTextFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("quality model file " + file + " not found");
    }
    try {
      FastTextModel.checkHeader(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("quality model " + e.getMessage(), e);
    }
  }

  /**
   * The text the classifier sees, at training and at inference: NFKC, lower case, every line break and run of
   * white space turned into one space (pages are one line, as cc_net and RPv1 join lines with a space), words
   * split from punctuation, URLs / numbers of 3+ digits replaced by placeholder tokens — safety's
   * {@link TextFeatures#normalize}, shared so that no second normalisation can drift from it.
   */
  public static String normalize(String raw) {
    return TextFeatures.normalize(raw);
  }

  /**
   * P({@link #label()}) for a raw text; 0 when the text has no token the model knows (fastText then predicts
   * nothing, and a page with no known English word is no reference page).
   */
  public double score(String raw) {
    for (FastTextModel.Prediction p : model.predict(normalize(raw), nlabels, 0f)) {
      String l = p.label().startsWith(LABEL_PREFIX) ? p.label().substring(LABEL_PREFIX.length()) : p.label();
      if (l.equals(label)) {
        return p.probability();
      }
    }
    return 0.0;
  }

  /** The positive label. */
  public String label() {
    return label;
  }

  /** The model's labels (without {@code __label__}). */
  public List<String> labels() {
    return model.labels().stream().map(l -> l.startsWith(LABEL_PREFIX) ? l.substring(LABEL_PREFIX.length()) : l)
        .toList();
  }

  /** Where the model came from (a file, or the shipped resource). */
  public String name() {
    return name;
  }
}
