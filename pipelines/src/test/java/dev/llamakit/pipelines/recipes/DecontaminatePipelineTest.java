package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A recipe with the {@code decontaminate} step on a generated corpus in which known documents carry benchmark items
 * verbatim (and others only a part, shorter than a 13-gram): the DirectRunner, the embedded Flink runner and the plain
 * loop write the same documents and drops, the contaminated ones are exactly the known ones, and accounting holds.
 */
class DecontaminatePipelineTest {
  @TempDir Path tmp;

  static final List<String> ITEMS = List.of(
      "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total does it take?",
      "Josh decides to try flipping a house. He buys a house for $80,000 and then puts in $50,000 in repairs.",
      "James decides to run 3 sprints 3 times a week. He runs 60 meters each sprint. How many total meters does he run a week?");
  static final String[] SENTENCES = {
      "The harbour was quiet in the early morning light.", "Fishermen mended their nets on the long stone pier.",
      "A bell rang twice from the church above the town.", "Children ran along the beach collecting shells.",
      "The baker had already sold most of the bread.", "Clouds gathered slowly over the western hills."};

  @Test
  void directFlinkAndPlainLoopAgreeAndDropTheKnownDocuments() throws Exception {
    Path bench = tmp.resolve("bench.jsonl");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < ITEMS.size(); i++) {
      b.append("{\"id\": \"item-").append(i).append("\", \"question\": \"").append(ITEMS.get(i)).append("\"}\n");
    }
    Files.writeString(bench, b);
    Path corpus = tmp.resolve("corpus.jsonl");
    StringBuilder c = new StringBuilder();
    List<String> contaminated = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      StringBuilder text = new StringBuilder();
      for (int s = 0; s < 8; s++) {
        text.append(SENTENCES[(d * 7 + s * 5) % SENTENCES.length]).append(' ');
      }
      String item = ITEMS.get(d % ITEMS.size());
      if (d % 10 == 3) {
        text.append(item.replace("?", "?!").toUpperCase(java.util.Locale.ROOT)).append(' ');  // verbatim but for case
        contaminated.add("doc-" + d);
      } else if (d % 10 == 7) {
        text.append(String.join(" ", List.of(item.split(" ")).subList(0, 12))).append(' ');  // 12 words: clean
      }
      text.append("Document number ").append(d).append('.');
      c.append("{\"id\": \"doc-").append(d).append("\", \"url\": \"http://example.com/").append(d)
          .append("\", \"text\": \"").append(text).append("\"}\n");
    }
    Files.writeString(corpus, c);

    Recipe r = Recipes.parse("""
        name: decontaminate-test
        description: read, decontaminate against a user JSONL benchmark, write
        steps:
          - read: {}
          - decontaminate: {benchmarks: ["mine=%s"], signals: true}
          - write: {layout: single, shards: 1}
        """.formatted(bench), "decontaminate-test.yaml");
    CompiledRecipe compiled = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(corpus.toString()), 2);
    RunReport direct = new RecipeJob(compiled, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false,
        System.err);
    RunReport flink = new RecipeJob(compiled, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false,
        System.err);
    PlainLoop.Result loop = PlainLoop.run(compiled, tmp.resolve("loop"));

    assertTrue(direct.accountingHolds() && flink.accountingHolds());
    assertEquals(60, direct.read());
    assertEquals(54, direct.written());
    assertEquals(Map.of("CONTAMINATED", 6L), direct.dropsByReason());
    assertEquals(direct.dropsByReason(), flink.dropsByReason());
    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("flink")), "Flink = Direct, byte for byte");
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("loop")), "plain loop = Direct");
    assertEquals(60, loop.read());
    assertEquals(54, loop.written());
    List<String> drops = new ArrayList<>(CcNetPipelineTest.dropLines(tmp.resolve("direct")));
    List<String> flinkDrops = new ArrayList<>(CcNetPipelineTest.dropLines(tmp.resolve("flink")));
    drops.sort(null);
    flinkDrops.sort(null);
    assertEquals(drops, flinkDrops);
    assertEquals(6, drops.size());
    for (String id : contaminated) {
      int n = Integer.parseInt(id.substring(4));
      assertTrue(drops.stream().anyMatch(l -> l.contains("\"http://example.com/" + n + "\"")
          && l.contains("mine:item-" + (n % 3))),
          id + " dropped naming its item: " + drops);
    }
  }
}
