package dev.llamakit.pipelines.langid;

import com.github.jfasttext.JFastText;
import dev.llamakit.pipelines.doc.Document;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fastText language identification as cc_net does it ({@code split_by_lang.Classifier}): the text with its line
 * breaks removed (lines glued without a space), top-1 label without {@code __label__}, the probability rounded to two
 * decimals the way numpy's {@code ndarray.round(2)} rounds.
 *
 * <p>A native fastText model is not safe to share between threads: create one identifier per thread (Beam: per
 * DoFn instance, in {@code @Setup}) and {@link #close()} it.
 */
public final class LanguageIdentifier implements AutoCloseable {
  private final JFastText model;

  public LanguageIdentifier(Path modelFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("fastText language-ID model not found: " + modelFile
          + " (run: llamakit models fetch lid176)");
    }
    model = new JFastText();
    model.loadModel(modelFile.toString());
  }

  /** cc_net's LID input: {@code text.replace("\n", "")}. */
  public static String prepare(String text) {
    return text.replace("\n", "");
  }

  /**
   * numpy's {@code round(x, 2)}: multiply by 100, round half to even, divide by 100 — applied to the probability as
   * fastText's Python binding returns it (the float {@code exp(logProb)} widened to a double).
   */
  public static double roundLikeCcNet(double probability) {
    return Math.rint(probability * 100.0) / 100.0;
  }

  /** Identifies the language of a document's {@code raw_content}. */
  public Document.Language identify(String rawContent) {
    String text = prepare(rawContent);
    JFastText.ProbLabel p = model.predictProba(text);
    if (p == null) {
      return new Document.Language("unknown", 0.0);
    }
    float prob = (float) Math.exp(p.logProb);
    String label = p.label.startsWith("__label__") ? p.label.substring("__label__".length()) : p.label;
    return new Document.Language(label, roundLikeCcNet(prob));
  }

  @Override
  public void close() {
    model.unloadModel();
  }
}
