package dev.llamakit.pipelines.lmtrain;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes an {@link EstimatedModel} as the ARPA text lmplz prints: the {@code \data\} header with {@code ngram k=count},
 * then one {@code \k-grams:} section per order ({@code log10prob TAB words TAB log10backoff}, no backoff column for
 * the highest order), sections in the model's order (unigrams by id, higher orders in suffix order), floats in
 * KenLM's shortest form ({@code -0.30103}, {@code 0}, {@code -6.989217e-7}), and {@code \end\}.
 */
public final class ArpaWriter {
  private ArpaWriter() {}

  /** Writes the model to a file (UTF-8). */
  public static void write(EstimatedModel model, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(model, w);
    }
  }

  /** Writes the model to a stream (UTF-8); the stream stays open. */
  public static void write(EstimatedModel model, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    write(model, w);
    w.flush();
  }

  /** Writes the model to a character sink. */
  public static void write(EstimatedModel model, Appendable out) throws IOException {
    int n = model.order();
    out.append("\\data\\\n");
    for (int k = 1; k <= n; k++) {
      out.append("ngram ").append(Integer.toString(k)).append('=').append(Integer.toString(model.size(k))).append('\n');
    }
    out.append('\n');
    StringBuilder line = new StringBuilder(128);
    for (int k = 1; k <= n; k++) {
      out.append('\\').append(Integer.toString(k)).append("-grams:\n");
      for (int i = 0, size = model.size(k); i < size; i++) {
        line.setLength(0);
        line.append(KenlmFloats.format(model.logProb(k, i))).append('\t');
        for (int p = 0; p < k; p++) {
          if (p > 0) {
            line.append(' ');
          }
          line.append(model.word(model.wordId(k, i, p)));
        }
        if (k < n) {
          line.append('\t').append(KenlmFloats.format(model.logBackoff(k, i)));
        }
        line.append('\n');
        out.append(line);
      }
      out.append('\n');
    }
    out.append("\\end\\\n");
  }

  /** The model as one ARPA string (for small models and tests). */
  public static String toString(EstimatedModel model) {
    StringBuilder sb = new StringBuilder();
    try {
      write(model, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sb.toString();
  }

  /** A float as KenLM prints it in ARPA files (shortest round-trip form, {@code e} notation below 1e-6). */
  public static String formatFloat(float value) {
    return KenlmFloats.format(value);
  }
}
