package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with the three document-level dedup steps (read JSONL > dedup_exact > dedup_urls > dedup_books > write) on
 * a crafted two-file corpus: the DirectRunner and the embedded Flink runner write byte-identical shards and drops, the
 * plain loop writes the same shards, every drop has the reason and detail worked out by hand, and accounting holds.
 */
class DocDedupPipelineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  static String words(int from, int n) {
    String[] w = new String[n];
    Arrays.setAll(w, i -> "w" + (from + i) + (i % 12 == 11 ? "." : ""));
    return String.join(" ", w);
  }

  static String line(String id, String url, String text) throws Exception {
    Map<String, Object> m = new TreeMap<>();
    m.put("id", id);
    if (url != null) {
      m.put("url", url);
    }
    m.put("text", text);
    return JSON.writeValueAsString(m);
  }

  /** Two JSONL files; the comment of each record says what becomes of it. */
  static Path corpus(Path dir) throws Exception {
    String t1 = words(0, 300);
    String t3 = words(1000, 600);
    Files.createDirectories(dir);
    Files.write(dir.resolve("a.jsonl"), List.of(
        line("p1", "http://x.example/1", t1),                               // kept
        line("p2", "http://X.example/1?utm_source=z", words(5000, 80)),     // DUPLICATE_URL of a#1
        line("p3", "http://x.example/3", t1.replace(" ", "\n")),            // EXACT_DUPLICATE of a#1
        line("p4", null, t3),                                               // kept (no URL: passes URL dedup)
        line("p5", "http://x.example/5", words(1000, 300)),                 // BOOK_OVERLAP 1.0 with a#4
        line("p6", "http://x.example/6", ""),                               // kept: empty, passes every step
        "{not json"), StandardCharsets.UTF_8);                              // INVALID_JSON at read
    Files.write(dir.resolve("b.jsonl"), List.of(
        line("q1", "http://x.example:80/1/#reviews", words(7000, 50)),     // DUPLICATE_URL of a#1
        line("q2", "http://y.example/", "  " + t3 + "  ")), StandardCharsets.UTF_8); // EXACT_DUPLICATE of a#4
    return dir;
  }

  static CompiledRecipe recipe(Path input) throws Exception {
    Recipe r = Recipes.parse("""
        name: doc-dedup
        description: the three document-level dedup steps
        steps:
          - read: {format: jsonl}
          - dedup_exact: {}
          - dedup_urls: {}
          - dedup_books: {}
          - write: {layout: single, shards: 1}
        """, "doc-dedup.yaml");
    return new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(input.toString()), 2);
  }

  @Test
  void directFlinkAndPlainLoopAgreeOnTheHandWorkedOutcome() throws Exception {
    CompiledRecipe c = recipe(corpus(tmp.resolve("in")));
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));

    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("flink")), "Flink = Direct, byte for byte");
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("loop")), "plain loop = Direct");
    List<String> drops = sorted(CcNetPipelineTest.dropLines(tmp.resolve("direct")));
    assertEquals(drops, sorted(CcNetPipelineTest.dropLines(tmp.resolve("flink"))), "same drops, byte for byte");

    List<String> kept = new ArrayList<>();
    for (String s : shards) {
      kept.add(JSON.readTree(s).get("id").asText()); // a JSONL record's own id is kept and written back
    }
    kept.sort(null);
    assertEquals(List.of("p1", "p4", "p6"), kept);
    List<String> why = new ArrayList<>();
    for (String s : drops) {
      JsonNode d = JSON.readTree(s);
      if (!d.get("reason").asText().equals("INVALID_JSON")) {
        why.add(d.get("id").asText() + " " + d.get("reason").asText() + " " + d.get("detail").asText());
      }
    }
    why.sort(null);
    assertEquals(List.of(
        "p2 DUPLICATE_URL same URL as p1 (http://x.example/1)",   // documents are named by their own ids
        "p3 EXACT_DUPLICATE duplicate of p1",
        "p5 BOOK_OVERLAP overlap 1.0000 with p4",
        "q1 DUPLICATE_URL same URL as p1 (http://x.example/1)",
        "q2 EXACT_DUPLICATE duplicate of p4"), why);

    for (RunReport r : List.of(direct, flink)) {
      assertEquals(9, r.read());
      assertEquals(3, r.written());
      assertEquals(Map.of("INVALID_JSON", 1L, "EXACT_DUPLICATE", 2L, "DUPLICATE_URL", 2L, "BOOK_OVERLAP", 1L),
          r.dropsByReason());
      assertTrue(r.accountingHolds());
      assertEquals(1, r.counter(MetricNames.DEDUP_EXACT_EMPTY), "p6");
      assertEquals(2, r.counter(MetricNames.DEDUP_EXACT_GROUPS));
      assertEquals(1, r.counter(MetricNames.DEDUP_URLS_NO_URL), "p4");
      assertEquals(1, r.counter(MetricNames.DEDUP_URLS_GROUPS));
      assertEquals(1, r.counter(MetricNames.DEDUP_BOOKS_TOO_SHORT), "p6");
      assertEquals(1, r.counter(MetricNames.DEDUP_BOOKS_PAIRS), "only p5 and p4 share shingles");
      assertEquals(Map.of("dedup_exact.groups", 2L, "dedup_exact.empty", 1L, "dedup_urls.groups", 1L,
          "dedup_urls.no_url", 1L, "dedup_books.pairs", 1L, "dedup_books.too_short", 1L), r.documentDedup());
    }
    JsonNode report = JSON.readTree(tmp.resolve("flink").resolve("report.json").toFile());
    assertEquals(2, report.at("/document_dedup/dedup_exact.groups").asInt());
    assertEquals(9, loop.read());
    assertEquals(3, loop.written());
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort(null);
    return s;
  }
}
