package dev.llamakit.eval.run;

import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@link AtomicFile#writeString} for the evaluation code, whose run loop reports I/O failures unchecked: a file is
 * written under a temporary name beside it and renamed into place, readable by group and others.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, String text) {
    try {
      AtomicFile.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
