package dev.llamakit.eval.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A run folder never silently loses an earlier run's results: a folder already holding {@code results.json} is
 * refused unless the user asks to overwrite it (the {@code progress.jsonl} log is still reused, so only missing
 * documents are scored); a folder without {@code results.json} (new, or an interrupted run) is simply resumed. When
 * a run finishes, {@code samples_TASK.jsonl} files of tasks it did not run are removed so the folder describes one
 * run.
 */
public final class RunFolder {
  private RunFolder() {}

  /** Fails with a one-line message naming the file when {@code dir} holds finished results and not overwrite. */
  public static void claim(Path dir, boolean overwrite) {
    Path results = dir.resolve("results.json");
    if (!overwrite && Files.exists(results)) {
      throw new IllegalStateException(results + " holds an earlier run's results; pass --overwrite to replace them"
          + " (progress.jsonl is reused) or choose another -o folder");
    }
  }

  /** Deletes the {@code samples_*.jsonl} files of {@code dir} other than those of {@code tasks}; returns them. */
  public static List<Path> removeStaleSamples(Path dir, Set<String> tasks) {
    List<Path> removed = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return removed;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "samples_*.jsonl")) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        String task = name.substring("samples_".length(), name.length() - ".jsonl".length());
        if (!tasks.contains(task) && Files.isRegularFile(f)) {
          Files.delete(f);
          removed.add(f);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
    removed.sort(null);
    return removed;
  }
}
