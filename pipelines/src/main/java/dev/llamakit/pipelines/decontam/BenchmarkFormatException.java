package dev.llamakit.pipelines.decontam;

import java.nio.file.Path;

/**
 * A benchmark file that is missing or not in its expected format. The message reads {@code file:row: problem} (the
 * row as an editor counts lines, blank lines included), or {@code file: problem} when no row applies.
 */
public final class BenchmarkFormatException extends IllegalArgumentException {
  public BenchmarkFormatException(Path file, long row, String problem) {
    super(file + (row > 0 ? ":" + row : "") + ": " + problem);
  }

  public BenchmarkFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
