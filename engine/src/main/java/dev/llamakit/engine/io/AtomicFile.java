package dev.llamakit.engine.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The one way llamakit writes a file that someone else reads (a model, a report, a results file, a corpus shard of
 * its own tools): into a temporary file beside the target, then renamed over it in one step, so a reader — or a
 * crash, or a full disk — finds the old file or the whole new one, never half of one. The folder is created when
 * missing; the file ends up {@code rw-r--r--} where the file system has POSIX permissions (a temporary file alone
 * would stay {@code 0600}); on any failure the temporary file is removed and the target is untouched.
 *
 * <pre>{@code
 * AtomicFile.writeString(dir.resolve("results.json"), json);
 * AtomicFile.write(arpa, out -> ArpaWriter.write(lm, out));          // a stream, buffered and closed for you
 * AtomicFile.writeText(jsonl, w -> { for (String l : lines) { w.write(l); w.newLine(); } }); // UTF-8 text
 * AtomicFile.replace(model, tmp -> Files.copy(trained, tmp, REPLACE_EXISTING)); // anything that fills a path
 * }</pre>
 *
 * <p>A whole folder published at once (a pipeline's output) is a different operation: {@code RecipeJob} swaps the
 * staging folder into place.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the new content to the stream it is given (buffered; closed by {@link #write}). */
  @FunctionalInterface
  public interface StreamBody {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Writes the new content as text (UTF-8) to the writer it is given (flushed and closed by {@link #writeText}). */
  @FunctionalInterface
  public interface TextBody {
    void writeTo(BufferedWriter w) throws IOException;
  }

  /** Fills the temporary file at {@code tmp}, which exists and is empty (a body may also replace it, e.g. by a copy). */
  @FunctionalInterface
  public interface FileBody {
    void writeTo(Path tmp) throws IOException;
  }

  /** Fills a temporary file with {@code body}, then renames it over {@code target}. Returns {@code target}. */
  public static Path replace(Path target, FileBody body) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
    try {
      body.writeTo(tmp);
      if (!Files.isSymbolicLink(tmp) // never chmod through a link: that would change the file it points to
          && Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes through a buffered stream on a temporary file, then renames it over {@code target}. */
  public static Path write(Path target, StreamBody body) throws IOException {
    return replace(target, tmp -> {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        body.writeTo(out);
      }
    });
  }

  /** Writes text as UTF-8 through a buffered writer on a temporary file, then renames it over {@code target}. */
  public static Path writeText(Path target, TextBody body) throws IOException {
    return replace(target, tmp -> {
      try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        body.writeTo(w);
      }
    });
  }

  /** Writes {@code text} as UTF-8. */
  public static Path writeString(Path target, String text) throws IOException {
    return writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Path writeBytes(Path target, byte[] bytes) throws IOException {
    return replace(target, tmp -> Files.write(tmp, bytes));
  }
}
