package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.io.TextLines;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only per-document result log ({@code progress.jsonl}) that makes a run resumable: every scored document
 * is one line carrying its {@code key} (task, task version and file hash, document, model file hash, settings);
 * a rerun reuses lines whose key matches and computes the rest. A line cut by an interruption is dropped on open;
 * so is a line that is not JSON or not UTF-8 ({@link #dropped()} counts them, and their documents are scored again).
 */
public final class ResumeLog implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;
  private final Map<String, JsonNode> done = new HashMap<>();
  private final BufferedWriter out;
  private int dropped;

  /** Opens (or creates) the log at {@code file}, loading its complete lines. */
  public ResumeLog(Path file) {
    this.file = file;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        truncateToLastNewline(file);
        try (TextLines lines = TextLines.open(file)) {
          while (true) {
            String line;
            try {
              line = lines.next();
            } catch (TextFormatException e) {
              if (e.line() != lines.lineNumber()) {
                throw e;
              }
              dropped++;  // invalid UTF-8 in this line: recomputed, never half-read
              continue;
            }
            if (line == null) {
              break;
            }
            if (!line.isBlank()) {
              load(line);
            }
          }
        }
      }
      boolean created = Files.notExists(file);
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      if (created && !Files.isSymbolicLink(file)
          && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // readable by the group, like results.json and the samples (AtomicFile), whatever the umask
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the run log " + file + ": " + e.getMessage(), e);
    }
  }

  private void load(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      if (n != null && n.hasNonNull("key")) {
        done.put(n.get("key").asText(), n);
        return;
      }
    } catch (IOException e) {
      // counted below
    }
    dropped++;
  }

  private static void truncateToLastNewline(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      long len = raf.length();
      long pos = len;
      while (pos > 0) {
        raf.seek(pos - 1);
        if (raf.read() == '\n') {
          break;
        }
        pos--;
      }
      if (pos < len) {
        raf.setLength(pos);
      }
    }
  }

  /** The stored record of {@code key}, or null. */
  public JsonNode get(String key) {
    return done.get(key);
  }

  /** Number of records loaded from an earlier run. */
  public int size() {
    return done.size();
  }

  /** Unreadable lines skipped when opening. */
  public int dropped() {
    return dropped;
  }

  /** Appends and flushes records (one line each). */
  public void append(List<ObjectNode> records) {
    try {
      for (ObjectNode r : records) {
        out.write(JSON.writeValueAsString(r));
        out.write('\n');
        done.put(r.get("key").asText(), r);
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the run log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
