package dev.llamakit.pipelines.langid;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.fasttext.FastTextModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * fastText language identification as cc_net does it ({@code split_by_lang.Classifier}): the text with its line
 * breaks removed (lines glued without a space), top-1 label without {@code __label__}, the probability rounded to two
 * decimals the way numpy's {@code ndarray.round(2)} rounds.
 *
 * <p>The model runs in pure Java ({@link FastTextModel}, equal to JFastText's native fastText label for label and
 * float for float); an identifier may be shared between threads. {@link #close()} is kept for the callers that
 * scope it (Beam: per DoFn instance, in {@code @Setup}) and releases nothing.
 */
public final class LanguageIdentifier implements AutoCloseable {
  private final FastTextModel model;

  public LanguageIdentifier(Path modelFile) {
    if (!Files.isRegularFile(modelFile)) {
      throw new IllegalArgumentException("fastText language-ID model not found: " + modelFile
          + " (run: llamakit models fetch lid176)");
    }
    try {
      model = FastTextModel.load(modelFile);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot load the fastText language-ID model: " + e.getMessage(), e);
    }
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
    FastTextModel.Prediction p = model.predictTop(text);
    if (p == null) {
      return new Document.Language("unknown", 0.0);
    }
    float prob = p.probability();
    String label = p.label().startsWith("__label__") ? p.label().substring("__label__".length()) : p.label();
    return new Document.Language(label, roundLikeCcNet(prob));
  }

  @Override
  public void close() {
    // nothing native to release
  }
}
