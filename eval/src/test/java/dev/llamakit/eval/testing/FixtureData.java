package dev.llamakit.eval.testing;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.data.Csv;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A small benchmark data folder in the canonical layouts, cut from the shared data: MMLU abstract_algebra (1 test
 * question), anatomy (2) and world_religions (5) with their dev rows; GSM8k train 20 / test 4; HumanEval's first 4
 * problems; ARC easy and challenge, 40 rows each.
 */
public final class FixtureData {
  private FixtureData() {}

  public static final List<String> SUBJECTS = List.of("abstract_algebra", "anatomy", "world_religions");
  public static final List<Integer> SUBJECT_SIZES = List.of(1, 2, 5);

  /**
   * The hand-written data folder in the original release layouts ({@code src/test/resources/dev/llamakit/eval/fixtures}:
   * {@code piqa/}, {@code hellaswag/}); written for the tests, no dataset content.
   */
  public static Path handWritten() {
    try {
      return Path.of(FixtureData.class.getResource("/dev/llamakit/eval/fixtures").toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds the folder under {@code dir} and returns it. */
  public static Path build(Path dir) throws IOException {
    Path shared = SharedFiles.require("data/benchmarks");
    Path mmlu = shared.resolve("mmlu/cais-canonical-hendrycks-layout");
    for (int i = 0; i < SUBJECTS.size(); i++) {
      String s = SUBJECTS.get(i);
      copyCsv(mmlu.resolve("dev/" + s + "_dev.csv"), dir.resolve("mmlu/dev/" + s + "_dev.csv"), 5);
      copyCsv(mmlu.resolve("test/" + s + "_test.csv"), dir.resolve("mmlu/test/" + s + "_test.csv"), SUBJECT_SIZES.get(i));
    }
    copyLines(shared.resolve("gsm8k/train.jsonl"), dir.resolve("gsm8k/train.jsonl"), 20);
    copyLines(shared.resolve("gsm8k/test.jsonl"), dir.resolve("gsm8k/test.jsonl"), 4);
    copyLines(shared.resolve("arc/arc_easy.jsonl"), dir.resolve("arc/arc_easy.jsonl"), 40);
    copyLines(shared.resolve("arc/arc_challenge.jsonl"), dir.resolve("arc/arc_challenge.jsonl"), 40);
    String he;
    try (var in = new GZIPInputStream(Files.newInputStream(shared.resolve("humaneval/HumanEval.jsonl.gz")))) {
      he = String.join("\n", new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(4).toList()) + "\n";
    }
    Files.createDirectories(dir.resolve("humaneval"));
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("humaneval/HumanEval.jsonl.gz")))) {
      out.write(he.getBytes(StandardCharsets.UTF_8));
    }
    return dir;
  }

  private static void copyLines(Path from, Path to, int n) throws IOException {
    Files.createDirectories(to.getParent());
    try (var lines = Files.lines(from)) {
      Files.writeString(to, String.join("\n", lines.limit(n).toList()) + "\n");
    }
  }

  private static void copyCsv(Path from, Path to, int n) throws IOException {
    Files.createDirectories(to.getParent());
    StringBuilder sb = new StringBuilder();
    for (Csv.Row r : Csv.parse(Files.readString(from)).subList(0, n)) {
      sb.append(String.join(",", r.fields().stream().map(f -> "\"" + f.replace("\"", "\"\"") + "\"").toList()))
          .append("\r\n");
    }
    Files.writeString(to, sb.toString());
  }
}
