package dev.llamakit.safety.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** File output written to a temporary name beside the target and renamed into place when complete. */
final class Io {
  private Io() {}

  /** Something that writes the whole output. */
  interface Body {
    void write(BufferedWriter w) throws IOException;
  }

  /** Writes {@code target} atomically: {@code target.tmp-PID} first, then a rename. */
  static void writeAtomically(Path target, Body body) throws IOException {
    Path abs = target.toAbsolutePath();
    if (abs.getParent() != null) Files.createDirectories(abs.getParent());
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.write(w);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
