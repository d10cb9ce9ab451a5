package dev.llamakit.engine.gguf;

import java.nio.file.Path;

/** A GGUF file that cannot be read: bad magic, unknown version or type, truncation, inconsistent sizes. */
public final class GgufFormatException extends RuntimeException {
  public GgufFormatException(Path file, String message) {
    super(file + ": " + message);
  }

  public GgufFormatException(Path file, String message, Throwable cause) {
    super(file + ": " + message, cause);
  }
}
