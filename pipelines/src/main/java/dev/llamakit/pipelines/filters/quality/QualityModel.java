package dev.llamakit.pipelines.filters.quality;

import dev.llamakit.safety.fasttext.FastTextModel;
import dev.llamakit.safety.fasttext.TextFeatures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A loaded quality classifier: a supervised fastText model and the name of its positive ("reference-like") label.
 * {@link #score} is the probability of that label for a document's text after {@link #normalize} — the same
 * normalisation the trainer applied to every training line, so training and inference see the same tokens.
 *
 * <p>The file is checked before the native loader sees it (fastText's magic number and version 12): the native
 * code ends the whole process on a file it cannot read, so a wrong path must fail here, with the file named.
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

  private static final int FASTTEXT_MAGIC = 793712314;
  private static final int FASTTEXT_VERSION = 12;

  private final FastTextModel model;
  private final String label;
  private final String name;

  private QualityModel(FastTextModel model, String label, String name) {
    if (!model.labels().contains(label)) {
      throw new IllegalArgumentException("model " + name + " has no label '" + label + "' (labels: "
          + String.join(", ", model.labels()) + ")");
    }
    this.model = model;
    this.label = label;
    this.name = name;
  }

  /**
   * Loads {@code spec}: {@value #DEFAULT} for the shipped model, else a fastText model file.
   *
   * @throws IllegalArgumentException when the file is missing, is not a fastText model, or lacks {@code label}
   */
  public static QualityModel load(String spec, String label) {
    if (DEFAULT.equals(spec)) {
      return new QualityModel(FastTextModel.fromResource(QualityModel.class, DEFAULT_RESOURCE), label,
          "default (" + DEFAULT_RESOURCE + ")");
    }
    Path f = Path.of(spec);
    checkFastTextFile(f);
    return new QualityModel(new FastTextModel(f), label, f.toString());
  }

  /**
   * Fails with a message naming {@code file} unless it exists and starts like a fastText model ({@code .bin} or
   * {@code .ftz}: magic number 793712314, version 12, little-endian).
   */
  public static void checkFastTextFile(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("quality model file " + file + " not found");
    }
    byte[] head = new byte[8];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, 8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read quality model file " + file, e);
    }
    ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
    if (n < 8 || b.getInt(0) != FASTTEXT_MAGIC) {
      throw new IllegalArgumentException("quality model file " + file + " is not a fastText model (no fastText "
          + "magic number at its start)");
    }
    if (b.getInt(4) != FASTTEXT_VERSION) {
      throw new IllegalArgumentException("quality model file " + file + " is fastText format version "
          + b.getInt(4) + "; only version " + FASTTEXT_VERSION + " can be read");
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
    Map<String, Double> p = model.probabilities(normalize(raw));
    return p.isEmpty() ? 0.0 : p.getOrDefault(label, 0.0);
  }

  /** The positive label. */
  public String label() {
    return label;
  }

  /** The model's labels. */
  public java.util.List<String> labels() {
    return model.labels();
  }

  /** Where the model came from (a file, or the shipped resource). */
  public String name() {
    return name;
  }
}
