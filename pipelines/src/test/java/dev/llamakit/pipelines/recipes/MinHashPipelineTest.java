package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.minhash.NearDuplicateCorpus;
import dev.llamakit.pipelines.report.RunReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code minhash} step in a recipe: the DirectRunner, the embedded Flink runner and the plain loop (the step's
 * in-memory form) write byte-identical documents and drops; accounting holds; exact copies, short texts and
 * documents without words behave as documented; and the result does not depend on the number of large-star/small-star
 * rounds (the fallback finishes any that did not converge).
 */
class MinHashPipelineTest {
  @TempDir Path tmp;

  static final String A = "The committee met on Tuesday to review the budget for the coming year and agreed to "
      + "postpone the vote until every member had read the auditors' report in full.";

  /** Two JSONL files: planted pairs and singles from {@link NearDuplicateCorpus}, plus hand-made edge cases. */
  private Path corpus() throws IOException {
    Path in = Files.createDirectories(tmp.resolve("in"));
    ObjectMapper om = new ObjectMapper();
    List<String> texts = new ArrayList<>();
    for (Document d : new NearDuplicateCorpus(5, 80, 40, 200, 0.5, 1.0, 5).documents()) {
      texts.add(d.rawContent());
    }
    List<String> first = new ArrayList<>(texts.subList(0, texts.size() / 2));
    List<String> second = new ArrayList<>(texts.subList(texts.size() / 2, texts.size()));
    first.add(0, A);                       // first.jsonl#1
    first.add(1, "");                      // first.jsonl#2: no words
    first.add(2, "short three words");     // first.jsonl#3: fewer words than a shingle
    second.add(0, A.toUpperCase());        // second.jsonl#1: the same words as first#1
    second.add(1, "");                     // second.jsonl#2: no words again: still a singleton
    second.add(2, "Short, three WORDS!");  // second.jsonl#3: the same one shingle as first#3
    second.add(3, "... ??? !!!");          // second.jsonl#4: punctuation only
    second.add(4, A + " " + A);            // second.jsonl#5: shingles of A plus the seam
    write(om, in.resolve("first.jsonl"), first);
    write(om, in.resolve("second.jsonl"), second);
    return in;
  }

  private static void write(ObjectMapper om, Path f, List<String> texts) throws IOException {
    StringBuilder sb = new StringBuilder();
    int i = 0;
    for (String t : texts) {
      ObjectNode n = om.createObjectNode();
      n.put("text", t);
      n.put("url", "http://" + f.getFileName() + "/" + (++i));
      sb.append(om.writeValueAsString(n)).append('\n');
    }
    Files.writeString(f, sb.toString());
  }

  private static CompiledRecipe recipe(Path in, String minhashParams) throws IOException {
    Recipe r = Recipes.parse("""
        name: minhash-test
        description: near-dedup alone
        steps:
          - read: {format: jsonl, title: false}
          - minhash: {%s}
          - write: {layout: single, shards: 2}
        """.formatted(minhashParams), "minhash-test.yaml");
    return new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(in.toString()), 2);
  }

  @Test
  void directFlinkAndPlainLoopWriteTheSameAndEdgeCasesBehave() throws Exception {
    CompiledRecipe c = recipe(corpus(), "");
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));

    assertTrue(direct.accountingHolds() && flink.accountingHolds());
    List<String> d = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertEquals(d, CcNetPipelineTest.shardLines(tmp.resolve("flink")), "Flink = Direct");
    assertEquals(d, CcNetPipelineTest.shardLines(tmp.resolve("loop")), "plain loop = Direct");
    List<String> drops = sorted(CcNetPipelineTest.dropLines(tmp.resolve("direct")));
    assertEquals(drops, sorted(CcNetPipelineTest.dropLines(tmp.resolve("flink"))));
    assertEquals(direct.dropsByReason(), flink.dropsByReason());
    assertEquals(direct.read(), loop.read());
    assertEquals(direct.written(), loop.written());
    long nearDup = direct.dropsByReason().get("NEAR_DUPLICATE");
    assertEquals(direct.read(), direct.written() + nearDup, "near-dedup is the only step that drops");
    assertEquals(nearDup, drops.size());
    assertEquals(direct.nearDedup(), flink.nearDedup(), "the same counts on both runners");
    assertEquals(nearDup, direct.nearDedup().get("removed"));
    assertEquals(3L, direct.nearDedup().get("documents_without_shingles"), "two empty, one punctuation only");
    assertEquals(0L, direct.nearDedup().get("residual_edges"), "8 rounds converge on this corpus");
    assertEquals(inMemoryDrops(c), beamDrops(tmp.resolve("direct")), "the step's in-memory form drops the same");

    ObjectMapper om = new ObjectMapper();
    Map<String, JsonNode> byUrl = new HashMap<>();
    for (String line : d) {
      JsonNode n = om.readTree(line);
      byUrl.put(n.get("url").asText(), n);
      assertTrue(n.has("minhash_cluster_id") && n.get("minhash_cluster_size").asLong() >= 1, line);
    }
    JsonNode a = byUrl.get("http://first.jsonl/1");
    assertEquals("first.jsonl#1", a.get("minhash_cluster_id").asText());
    assertEquals(3, a.get("minhash_cluster_size").asLong(), "A, its upper-case copy, and A twice");
    for (String url : List.of("http://first.jsonl/2", "http://second.jsonl/2", "http://second.jsonl/4")) {
      JsonNode empty = byUrl.get(url);
      assertEquals(1, empty.get("minhash_cluster_size").asLong(), url + ": no words, a singleton");
    }
    assertEquals("second.jsonl#2", byUrl.get("http://second.jsonl/2").get("minhash_cluster_id").asText());
    assertEquals(2, byUrl.get("http://first.jsonl/3").get("minhash_cluster_size").asLong());
    assertTrue(!byUrl.containsKey("http://second.jsonl/3") && !byUrl.containsKey("http://second.jsonl/1"));
    Map<String, JsonNode> dropById = new HashMap<>();
    for (String line : drops) {
      JsonNode n = om.readTree(line);
      dropById.put(n.get("id").asText(), n);
      assertEquals("NEAR_DUPLICATE", n.get("reason").asText());
    }
    assertEquals("near-duplicate of first.jsonl#1 (cluster first.jsonl#1, 3 documents)",
        dropById.get("second.jsonl#1").get("detail").asText());
    assertEquals("near-duplicate of first.jsonl#3 (cluster first.jsonl#3, 2 documents)",
        dropById.get("second.jsonl#3").get("detail").asText());
    assertTrue(nearDup > 40, "most planted pairs (J 0.5–1.0) are found: " + nearDup);
  }

  @Test
  void anyNumberOfRoundsAndTheVerifiedLongestVariantAgreeWithTheLoop() throws Exception {
    Path in = corpus();
    List<String> reference = null;
    for (String params : List.of("rounds: 0", "rounds: 2")) {
      CompiledRecipe c = recipe(in, params);
      Path out = tmp.resolve("direct-" + params.replace(": ", ""));
      assertTrue(new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(out, false, System.err).accountingHolds());
      List<String> lines = CcNetPipelineTest.shardLines(out);
      if (reference == null) {
        reference = lines;
      }
      assertEquals(reference, lines, params);
    }
    CompiledRecipe v = recipe(in, "verify: true, threshold: 0.75, keep: longest, bands: 9, rows: 13, rounds: 2");
    RunReport direct = new RecipeJob(v, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("verified"), false,
        System.err);
    PlainLoop.run(v, tmp.resolve("verified-loop"));
    assertTrue(direct.accountingHolds());
    List<String> lines = CcNetPipelineTest.shardLines(tmp.resolve("verified"));
    assertEquals(lines, CcNetPipelineTest.shardLines(tmp.resolve("verified-loop")));
    assertEquals(inMemoryDrops(v), beamDrops(tmp.resolve("verified")));
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"url\":\"http://second.jsonl/5\"")),
        "keep: longest keeps A twice over A");
  }

  @Test
  void badParametersAreRecipeErrorsNamingTheStep() throws Exception {
    Path in = corpus();
    RecipeException e = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class,
        () -> recipe(in, "keep: newest"));
    assertEquals("minhash-test.yaml: step 2: step 'minhash': keep must be first or longest, not 'newest'", e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> recipe(in, "threshold: 1.5"));
    assertTrue(e.getMessage().contains("threshold must be within [0, 1], not 1.5"), e.getMessage());
    e = org.junit.jupiter.api.Assertions.assertThrows(RecipeException.class, () -> recipe(in, "band: 14"));
    assertTrue(e.getMessage().contains("unknown parameter 'band' (did you mean 'bands'?)"), e.getMessage());
  }

  /** "id reason detail" of every drop of the recipe's corpus step run in memory on everything read. */
  private static List<String> inMemoryDrops(CompiledRecipe c) {
    List<Document> docs = new ArrayList<>();
    dev.llamakit.pipelines.io.RecordSink sink = new dev.llamakit.pipelines.io.RecordSink() {
      @Override
      public void document(Document d) {
        docs.add(d);
      }

      @Override
      public void drop(dev.llamakit.pipelines.doc.Drop d) {
        throw new AssertionError("nothing is dropped at read: " + d);
      }
    };
    for (dev.llamakit.pipelines.beam.InputFile f : c.inputs()) {
      dev.llamakit.pipelines.beam.ReadCorpus.readFile(f, c.read(), sink);
    }
    CompiledRecipe.Corpus step = (CompiledRecipe.Corpus) c.stages().getFirst();
    List<String> out = new ArrayList<>();
    for (dev.llamakit.pipelines.beam.Item i : step.step().inMemory(docs)) {
      if (i.isDrop()) {
        out.add(i.drop().id() + " " + i.drop().reason() + " " + i.drop().detail());
      }
    }
    return sorted(out);
  }

  private static List<String> beamDrops(Path out) throws Exception {
    ObjectMapper om = new ObjectMapper();
    List<String> l = new ArrayList<>();
    for (String line : CcNetPipelineTest.dropLines(out)) {
      JsonNode n = om.readTree(line);
      l.add(n.get("id").asText() + " " + n.get("reason").asText() + " " + n.get("detail").asText());
    }
    return sorted(l);
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort(null);
    return s;
  }
}
