package dev.llamakit.engine.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only reference folder {@code ../shared} beside the checkout (system property
 * {@code llamakit.shared}, set by the build, or the environment variable {@code LLAMAKIT_SHARED}).
 *
 * <p>{@link #require} skips the calling test, with a message naming the missing file, when the folder or the file is
 * absent: tests that need the shared models and data never fail on a machine that lacks them.
 */
public final class SharedFiles {
  private SharedFiles() {}

  /** The shared folder, or null when none is configured or present. */
  public static Path root() {
    String p = System.getProperty("llamakit.shared", System.getenv("LLAMAKIT_SHARED"));
    if (p == null) {
      Path guess = Path.of("..", "..", "shared").toAbsolutePath().normalize();
      return Files.isDirectory(guess) ? guess : null;
    }
    Path root = Path.of(p).toAbsolutePath().normalize();
    return Files.isDirectory(root) ? root : null;
  }

  /** The shared file at {@code relative}; skips the test when it is absent. */
  public static Path require(String relative) {
    Path root = root();
    assumeTrue(root != null, "skipped: ../shared is absent (set -Dllamakit.shared=DIR to run this test)");
    Path p = root.resolve(relative);
    assumeTrue(Files.exists(p), () -> "skipped: " + p + " is absent from ../shared");
    return p;
  }
}
