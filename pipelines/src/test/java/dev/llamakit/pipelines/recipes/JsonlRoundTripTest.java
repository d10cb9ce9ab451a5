package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * llamakit reads its own shards back without flags: a shard written by the ccnet preset, read by a recipe that only
 * reads and writes, comes out line for line the same (fields, values and order); a foreign JSONL keeps its id (drops
 * name documents by it) and its extra fields, nested ones included, in their order.
 */
class JsonlRoundTripTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private RunReport run(String yaml, String input, Path out) throws Exception {
    CompiledRecipe c = new RecipeCompiler().compile(Recipes.parse(yaml, "round-trip.yaml"),
        RecipeCompiler.Inputs.of(input), 2);
    return new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(out, false, System.err);
  }

  @Test
  void aCcnetShardReadsBackWithNoFlagsAndWritesOutTheSame() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path wet = Path.of("..", "samples", "ccnet", "multilingual-00000.warc.wet.gz");
    Recipe ccnet = Recipes.preset("ccnet").with("language", "model", lid.toString()).with("write", "shards", 1);
    CompiledRecipe c = new RecipeCompiler().compile(ccnet, RecipeCompiler.Inputs.of(wet.toString()), 2);
    RunReport first = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("ccnet"), false,
        System.err);
    assertTrue(first.written() > 10);

    RunReport again = run("""
        name: again
        description: read llamakit's own shards and write them again
        steps:
          - read: {}
          - write: {layout: single, shards: 1}
        """, tmp.resolve("ccnet") + "/*/part-*.json.gz", tmp.resolve("again")); // the shards, not _dropped/
    assertEquals(first.written(), again.read());
    assertEquals(first.written(), again.written());
    List<String> before = CcNetPipelineTest.shardLines(tmp.resolve("ccnet"));
    List<String> after = CcNetPipelineTest.shardLines(tmp.resolve("again"));
    assertEquals(before, after, "every field, value and field order survives");
    JsonNode one = JSON.readTree(after.getFirst());
    for (String f : List.of("url", "digest", "raw_content", "line_ids", "language", "perplexity", "bucket")) {
      assertTrue(one.has(f), f);
    }
  }

  @Test
  void aForeignJsonlKeepsItsIdsAndNestedFieldsInOrder() throws Exception {
    Path in = tmp.resolve("in/docs.jsonl");
    Files.createDirectories(in.getParent());
    Files.write(in, List.of(
        "{\"id\":\"doc-1\",\"text\":\"" + "long enough text. ".repeat(5) + "\",\"meta\":{\"source\":\"forum\","
            + "\"tags\":[\"a\",{\"b\":null}],\"score\":1e-5},\"year\":2021,\"ok\":true,"
            + "\"big\":123456789012345678901234,"
            + "\"labels\":[\"x\",\"y\"],\"none\":null}",
        "{\"id\":\"doc-2\",\"text\":\"short\",\"meta\":{}}",
        "{\"text\":\"" + "no id of its own. ".repeat(5) + "\"}"), StandardCharsets.UTF_8);
    RunReport r = run("""
        name: keep
        description: a length rule between read and write
        steps:
          - read: {}
          - length: {min_length: 20}
          - write: {layout: single, shards: 1}
        """, in.toString(), tmp.resolve("out"));
    assertEquals(3, r.read());
    assertTrue(r.accountingHolds());
    List<String> drops = CcNetPipelineTest.dropLines(tmp.resolve("out"));
    assertEquals(1, drops.size());
    assertEquals("doc-2", JSON.readTree(drops.getFirst()).get("id").asText(), "a drop names the document's own id");

    List<String> lines = CcNetPipelineTest.shardLines(tmp.resolve("out"));
    JsonNode d1 = JSON.readTree(lines.stream().filter(l -> l.contains("doc-1")).findFirst().orElseThrow());
    assertEquals(List.of("length", "nlines", "source_domain", "raw_content", "cc_segment", "id", "meta", "year", "ok",
        "big", "labels", "none"), names(d1), "cc_net's fields (cc_segment: the file's name), then the record's own in their order");
    assertEquals(JSON.readTree("{\"source\":\"forum\",\"tags\":[\"a\",{\"b\":null}],\"score\":1e-5}"), d1.get("meta"));
    assertEquals("123456789012345678901234", d1.get("big").toString(), "a big number is not rounded");
    assertTrue(d1.get("none").isNull());
    assertEquals(2021, d1.get("year").asInt());
    JsonNode d3 = JSON.readTree(lines.stream().filter(l -> l.contains("no id")).findFirst().orElseThrow());
    assertFalse(d3.has("id"), "no id is made up for the output");

    RunReport old = run("""
        name: drop-fields
        description: keep_fields false reads as llamakit did before
        steps:
          - read: {keep_fields: false}
          - write: {layout: single, shards: 1}
        """, in.toString(), tmp.resolve("old"));
    assertEquals(3, old.written());
    for (String l : CcNetPipelineTest.shardLines(tmp.resolve("old"))) {
      assertEquals(List.of("length", "nlines", "source_domain", "raw_content", "cc_segment"), names(JSON.readTree(l)));
    }
  }

  private static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
