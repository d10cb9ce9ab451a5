package dev.llamakit.eval.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file under a temporary name in the same folder, then renames it into place, readable by group and others
 * ({@code rw-r--r--} where the file system has POSIX permissions; a temporary file alone would stay 0600).
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  public static void write(Path file, String text) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
