package dev.llamakit.engine.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A text file that cannot be read as text: invalid UTF-8, a corrupt gzip stream, a line too long. The message reads
 * {@code file:line: what}, with lines counted from 1 as a text editor counts them (0 when no line applies).
 */
public final class TextFormatException extends IOException {
  private final transient Path file;
  private final long line;

  public TextFormatException(Path file, long line, String what, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + what, cause);
    this.file = file;
    this.line = line;
  }

  public TextFormatException(Path file, long line, String what) {
    this(file, line, what, null);
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }

  /** The 1-based line, or 0 when the failure is not in a line (a missing file, a gzip header). */
  public long line() {
    return line;
  }
}
