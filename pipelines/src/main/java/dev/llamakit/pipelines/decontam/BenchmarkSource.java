package dev.llamakit.pipelines.decontam;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one benchmark's items come from: a built-in benchmark found under the data folder (table {@code
 * builtin-benchmarks.tsv}: {@code mmlu}, {@code gsm8k}, {@code humaneval}, {@code arc_easy}, {@code arc_challenge}),
 * a built-in one at an explicit path ({@code mmlu=/data/mmlu}), or a user's JSONL ({@code mine=questions.jsonl},
 * text in {@code field}, ids in {@code idField} or else the row index from 0).
 *
 * <pre>{@code
 * BenchmarkSource gsm = BenchmarkSource.parse("gsm8k", Path.of("../shared/data/benchmarks"), "question", "id");
 * BenchmarkSource mine = BenchmarkSource.parse("mine=q.jsonl", null, "question", "id");
 * List<BenchmarkItem> items = BenchmarkReader.read(gsm);
 * }</pre>
 *
 * @param name the benchmark's name in reports and signals
 * @param format {@code mmlu_csv}, {@code gsm8k_jsonl}, {@code humaneval_jsonl}, {@code arc_jsonl} or {@code jsonl}
 * @param file the file or folder, absolute (a string: sources travel to workers inside the step)
 * @param field the text field of a {@code jsonl} source
 * @param idField the id field of a {@code jsonl} source (rows without it are numbered)
 */
public record BenchmarkSource(String name, String format, String file, String field, String idField)
    implements Serializable {
  private static final String TABLE = "builtin-benchmarks.tsv";
  private static final Map<String, Builtin> BUILTINS = load();

  /** A row of the built-in table. */
  private record Builtin(String format, List<String> paths) {}

  /** The built-in benchmark names, in table order. */
  public static List<String> builtins() {
    return List.copyOf(BUILTINS.keySet());
  }

  /**
   * Reads {@code name}, {@code name=path}; a built-in name without a path is looked up under {@code dataDir}.
   *
   * @throws IllegalArgumentException naming the spec: an unknown name without a path, a missing file, no data folder
   */
  public static BenchmarkSource parse(String spec, Path dataDir, String field, String idField) {
    String s = spec.strip();
    int eq = s.indexOf('=');
    String name = eq < 0 ? s : s.substring(0, eq).strip();
    if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]+")) {
      throw new IllegalArgumentException("benchmark '" + spec + "': a name is letters, digits, '_', '.' or '-'");
    }
    Builtin b = BUILTINS.get(name);
    if (eq >= 0) {
      Path p = Path.of(s.substring(eq + 1).strip()).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("benchmark '" + name + "': " + p + ": no such file");
      }
      return b != null ? new BenchmarkSource(name, b.format(), p.toString(), field, idField)
          : new BenchmarkSource(name, "jsonl", p.toString(), field, idField);
    }
    if (b == null) {
      throw new IllegalArgumentException("benchmark '" + name + "' is not built in (" + String.join(", ",
          BUILTINS.keySet()) + "); give a JSONL file as " + name + "=FILE.jsonl");
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("benchmark '" + name + "': no benchmark data folder: set data (--data DIR) "
          + "or LLAMAKIT_DATA to the folder holding mmlu/, gsm8k/, humaneval/ and arc/");
    }
    List<Path> tried = new ArrayList<>();
    for (String rel : b.paths()) {
      Path p = dataDir.resolve(rel).toAbsolutePath().normalize();
      if (Files.exists(p)) {
        return new BenchmarkSource(name, b.format(), p.toString(), field, idField);
      }
      tried.add(p);
    }
    throw new IllegalArgumentException("benchmark '" + name + "' not found; looked for " + tried);
  }

  /** The file or folder. */
  public Path path() {
    return Path.of(file);
  }

  /** The data folder from the parameter, else {@code $LLAMAKIT_DATA}, else null. */
  public static Path dataDir(String explicit) {
    String d = explicit != null && !explicit.isBlank() ? explicit : System.getenv("LLAMAKIT_DATA");
    if (d == null || d.isBlank()) {
      return null;
    }
    Path p = Path.of(d).toAbsolutePath().normalize();
    if (!Files.isDirectory(p)) {
      throw new IllegalArgumentException("benchmark data folder " + p + " does not exist");
    }
    return p;
  }

  /** Size and modification time of the source's files: part of an index's cache key. */
  String fingerprint() {
    Path path = path();
    try {
      if (Files.isDirectory(path)) {
        long[] sum = new long[2];
        try (var s = Files.walk(path)) {
          s.filter(Files::isRegularFile).sorted().forEach(f -> {
            try {
              sum[0] = sum[0] * 31 + Files.size(f);
              sum[1] = sum[1] * 31 + Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
        }
        return sum[0] + "/" + sum[1];
      }
      return Files.size(path) + "/" + Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  private static Map<String, Builtin> load() {
    Map<String, Builtin> m = new LinkedHashMap<>();
    try (InputStream in = BenchmarkSource.class.getResourceAsStream(TABLE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + TABLE + " is missing from the jar");
      }
      int n = 0;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        n++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.strip().split("\t");
        if (f.length != 3) {
          throw new IllegalStateException(TABLE + ":" + n + ": expected name, format, paths (tab-separated)");
        }
        m.put(f[0], new Builtin(f[1], List.of(f[2].split(","))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(TABLE + ": " + e.getMessage(), e);
    }
    return m;
  }
}
