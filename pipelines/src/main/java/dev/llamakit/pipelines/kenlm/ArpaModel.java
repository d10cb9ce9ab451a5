package dev.llamakit.pipelines.kenlm;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A KenLM-exact {@link NgramModel} read from an ARPA file ({@code .arpa} or gzip-compressed {@code .arpa.gz}) into
 * compact heap tables: word-id sequences hashed to 64-bit keys in open-addressing primitive arrays, as KenLM's probing
 * model keeps them. Reading is strict; a malformed file fails with a {@link LanguageModelFormatException} naming the
 * file and line. Immutable and thread-safe once loaded.
 */
public final class ArpaModel extends ProbingModel {
  private ArpaModel(ArpaReader.Loaded loaded) {
    super(loaded.tables(), loaded.vocabulary());
  }

  /** Reads {@code file} (gzip is recognised by its magic bytes, not its name). */
  public static ArpaModel load(Path file) throws IOException {
    return new ArpaModel(ArpaReader.read(file));
  }

  /** Nothing to release: the tables are ordinary heap arrays. */
  @Override
  public void close() {}
}
