package dev.llamakit.eval.data;

import dev.llamakit.engine.io.TextFormatException;
import java.nio.file.Path;

/**
 * A benchmark, samples or results file that is missing or malformed. The message reads {@code file:line: problem}
 * (as {@link TextFormatException} does), the line counted from 1 as a text editor counts it, blank lines included;
 * just {@code file: problem} when no line applies.
 */
public final class DataFormatException extends RuntimeException {
  public DataFormatException(Path file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }

  /** A file that could not be read as text (invalid UTF-8, corrupt gzip, missing): its message unchanged. */
  public DataFormatException(TextFormatException e) {
    super(e.getMessage(), e);
  }

  public DataFormatException(String message) {
    super(message);
  }
}
