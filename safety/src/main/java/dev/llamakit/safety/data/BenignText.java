package dev.llamakit.safety.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benign text assembled from public benchmark and reference data under a {@code ../shared/data}-shaped folder:
 * MMLU test questions, GSM8K questions, ARC questions, HumanEval prompts and WikiText-2 sentences. Label
 * {@code safe}; source names say where each came from.
 */
public final class BenignText {
  private BenignText() {}

  /** All benign examples found under {@code dataRoot} (folders that are absent are skipped). */
  public static List<Example> load(Path dataRoot) throws IOException {
    List<Example> out = new ArrayList<>();
    Path mmlu = dataRoot.resolve("benchmarks/mmlu/cais-canonical-hendrycks-layout/test");
    if (Files.isDirectory(mmlu)) {
      try (var files = Files.list(mmlu)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".csv")).sorted().toList()) {
          for (String q : mmluQuestions(f)) out.add(Example.of(q, "safe", "benign:mmlu"));
        }
      }
    }
    for (String f : List.of("train.jsonl", "test.jsonl")) {
      Path p = dataRoot.resolve("benchmarks/gsm8k/" + f);
      if (Files.exists(p)) for (JsonNode r : DataFiles.jsonl(p)) out.add(Example.of(r.get("question").asText(), "safe", "benign:gsm8k"));
    }
    for (String f : List.of("arc_easy.jsonl", "arc_challenge.jsonl")) {
      Path p = dataRoot.resolve("benchmarks/arc/" + f);
      if (Files.exists(p)) {
        for (JsonNode r : DataFiles.jsonl(p)) {
          out.add(Example.of(r.get("query").asText().replaceFirst("^Question: ", ""), "safe", "benign:arc"));
        }
      }
    }
    Path he = dataRoot.resolve("benchmarks/humaneval/HumanEval.jsonl.gz");
    if (Files.exists(he)) for (JsonNode r : DataFiles.jsonl(he)) out.add(Example.of(r.get("prompt").asText(), "safe", "benign:humaneval"));
    for (String f : List.of("valid.txt", "test.txt")) {
      Path p = dataRoot.resolve("web/wikitext-2/" + f);
      if (!Files.exists(p)) continue;
      for (String line : DataFiles.lines(p)) {
        String t = line.strip();
        if (t.startsWith("=")) continue;
        for (String s : t.split("(?<=[.!?]) (?=[A-Z])")) {
          String c = s.replace(" @-@ ", "-").replace(" @,@ ", ",").replace(" @.@ ", ".").replace("<unk>", "").strip();
          if (c.split(" ").length >= 6) out.add(Example.of(c, "safe", "benign:wikitext2"));
        }
      }
    }
    return out;
  }

  /**
   * FLORES-200 dev sentences ({@code langid/flores200-dev/*.dev} under {@code dataRoot}, 66 languages, CC BY-SA 4.0),
   * label {@code safe}, source {@code benign:flores200}. The files are line-aligned translations, so the split group
   * is the line number: a sentence and all its translations land on the same side of the split. Empty when absent.
   */
  public static List<Example> flores(Path dataRoot) throws IOException {
    List<Example> out = new ArrayList<>();
    Path dir = dataRoot.resolve("langid/flores200-dev");
    if (!Files.isDirectory(dir)) return out;
    try (var files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".dev")).sorted().toList()) {
        List<String> lines = DataFiles.lines(f);
        for (int i = 0; i < lines.size(); i++) {
          String t = lines.get(i).strip();
          if (!t.isEmpty()) out.add(new Example(t, "safe", "benign:flores200", "flores200:" + i));
        }
      }
    }
    return out;
  }

  /** Topics for {@link BenignRequests}: WikiText-2 article titles and MMLU subject names found under {@code dataRoot}. */
  public static List<String> topics(Path dataRoot) throws IOException {
    List<String> out = new ArrayList<>();
    for (String f : List.of("valid.txt", "test.txt")) {
      Path p = dataRoot.resolve("web/wikitext-2/" + f);
      if (!Files.exists(p)) continue;
      for (String line : DataFiles.lines(p)) {
        String t = line.strip();
        if (t.startsWith("= ") && !t.startsWith("= =") && t.endsWith(" =")) {
          out.add(t.substring(2, t.length() - 2).replace(" @-@ ", "-").replace(" @,@ ", ",").strip());
        }
      }
    }
    Path mmlu = dataRoot.resolve("benchmarks/mmlu/cais-canonical-hendrycks-layout/test");
    if (Files.isDirectory(mmlu)) {
      try (var files = Files.list(mmlu)) {
        files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_test.csv")).sorted()
            .forEach(n -> out.add(n.substring(0, n.length() - "_test.csv".length()).replace('_', ' ')));
      }
    }
    return out;
  }

  private static List<String> mmluQuestions(Path csv) throws IOException {
    // Headerless CSV: question, A, B, C, D, answer.
    List<String> qs = new ArrayList<>();
    for (String[] row : DataFiles.csvRecords(csv)) {
      if (row.length > 0 && !row[0].isBlank()) qs.add(row[0]);
    }
    return qs;
  }
}
