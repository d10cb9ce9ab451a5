package dev.llamakit.eval.data;

import java.nio.file.Path;

/** A benchmark file that is missing or malformed; the message names the file and, when known, the row. */
public final class DataFormatException extends RuntimeException {
  public DataFormatException(Path file, long row, String problem) {
    super(file + (row > 0 ? " row " + row : "") + ": " + problem);
  }

  public DataFormatException(String message) {
    super(message);
  }
}
