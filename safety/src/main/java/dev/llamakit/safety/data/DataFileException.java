package dev.llamakit.safety.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data or input file of the safety module that is missing or malformed. The message reads {@code file:line: what}
 * (as {@link dev.llamakit.engine.io.TextFormatException} does, which covers files that cannot be read as text), the
 * line counted from 1 as an editor counts it; just {@code file: what} when no line applies.
 */
public final class DataFileException extends IOException {
  private final transient Path file;
  private final long line;
  private final String what;

  public DataFileException(Path file, long line, String what, Throwable cause) {
    super(file + (line > 0 ? ":" + line : "") + ": " + what, cause);
    this.file = file;
    this.line = line;
    this.what = what;
  }

  public DataFileException(Path file, long line, String what) {
    this(file, line, what, null);
  }

  /** The file that failed. */
  public Path file() {
    return file;
  }

  /** What is wrong, without the file and line. */
  public String what() {
    return what;
  }

  /** The 1-based line, or 0 when none applies. */
  public long line() {
    return line;
  }
}
