package dev.llamakit.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.eval.data.DataFormatException;
import dev.llamakit.eval.data.Jsonl;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * One of Llama 2's contamination subsets (clean, not-clean, not-dirty, dirty) read from the JSONL that {@code
 * llamakit pipeline contamination} writes ({@code benchmark, id, coverage, subsets} per benchmark item): a run with
 * {@code --contamination FILE --subset S} scores only the documents in subset S. The task's benchmark comes from the
 * table {@code contamination-benchmarks.properties}; document ids are matched exactly (the report writes eval's ids).
 *
 * <pre>{@code
 * ContaminationSubset dirty = ContaminationSubset.read(Path.of("contamination.jsonl"), "dirty");
 * List<Doc> docs = dirty.select(task, allDocs);   // the dirty ones, in data order
 * }</pre>
 */
public final class ContaminationSubset {
  /** The four subset names, as the report writes them. */
  public static final Set<String> NAMES = Set.of("clean", "not-clean", "not-dirty", "dirty");
  private static final Properties TASKS = tasks();

  private final Path file;
  private final String subset;
  /** benchmark -> item id -> in the subset. */
  private final Map<String, Map<String, Boolean>> items;

  private ContaminationSubset(Path file, String subset, Map<String, Map<String, Boolean>> items) {
    this.file = file;
    this.subset = subset;
    this.items = items;
  }

  /**
   * Reads {@code file}; a subset name other than the four, or a row without {@code benchmark}, {@code id} or a
   * {@code subsets} list of strings, is an error naming the file and row.
   */
  public static ContaminationSubset read(Path file, String subset) {
    if (!NAMES.contains(subset)) {
      throw new IllegalArgumentException("--subset must be clean, not-clean, not-dirty or dirty, not '" + subset + "'");
    }
    Map<String, Map<String, Boolean>> items = new HashMap<>();
    for (Jsonl.Row row : Jsonl.read(file)) {
      String benchmark = Jsonl.string(row, "benchmark", file);
      String id = Jsonl.string(row, "id", file);
      JsonNode subsets = row.json().get("subsets");
      if (subsets == null || !subsets.isArray()) {
        throw new DataFormatException(file, row.line(), "field 'subsets' is missing or not a list");
      }
      boolean in = false;
      for (JsonNode s : subsets) {
        if (!s.isTextual() || !NAMES.contains(s.asText())) {
          throw new DataFormatException(file, row.line(), "field 'subsets' holds " + s + ", not one of " + NAMES);
        }
        in |= s.asText().equals(subset);
      }
      items.computeIfAbsent(benchmark, k -> new HashMap<>()).put(id, in);
    }
    return new ContaminationSubset(file, subset, items);
  }

  /** The subset's name. */
  public String subset() {
    return subset;
  }

  /** The report file. */
  public Path file() {
    return file;
  }

  /**
   * The documents of {@code docs} in the subset, in order.
   *
   * @throws DataFormatException when the task has no benchmark in the table, the file has no items of its benchmark,
   *     or a document is missing from the file (the report was made from other benchmark files)
   */
  public List<Doc> select(Task task, List<Doc> docs) {
    String benchmark = TASKS.getProperty(task.name());
    if (benchmark == null) {
      throw new DataFormatException("task " + task.name() + " has no benchmark in contamination-benchmarks.properties");
    }
    Map<String, Boolean> byId = items.get(benchmark);
    if (byId == null) {
      throw new DataFormatException(file + ": no items of benchmark " + benchmark + " (task " + task.name() + "); "
          + "benchmarks in the file: " + new java.util.TreeSet<>(items.keySet()));
    }
    List<Doc> out = new ArrayList<>();
    for (Doc d : docs) {
      Boolean in = byId.get(d.id());
      if (in == null) {
        throw new DataFormatException(file + ": no item " + d.id() + " of benchmark " + benchmark + " (task "
            + task.name() + "); was the report made from the same benchmark files?");
      }
      if (in) {
        out.add(d);
      }
    }
    return out;
  }

  private static Properties tasks() {
    Properties p = new Properties();
    try (InputStream in = ContaminationSubset.class.getResourceAsStream("contamination-benchmarks.properties")) {
      if (in == null) {
        throw new IllegalStateException("resource contamination-benchmarks.properties is missing from the jar");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
