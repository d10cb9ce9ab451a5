package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code github} preset on two hand-made checkouts (format {@code code}) and on a hand-made JSONL of files
 * (format {@code github}): the DirectRunner, the embedded Flink runner and the plain loop write the same shards,
 * every file is written or dropped under the reason worked out by hand, and accounting holds.
 */
class GithubPresetTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  private record Runs(RunReport direct, List<String> shards, Map<String, String> drops) {}

  private Runs runAll(Recipe r, List<String> inputs) throws Exception {
    CompiledRecipe c = new RecipeCompiler().compile(r.with("write", "shards", 1),
        RecipeCompiler.Inputs.of(inputs.toArray(String[]::new)), 2);
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));
    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("flink")), "Flink = Direct, byte for byte");
    assertEquals(shards, CcNetPipelineTest.shardLines(tmp.resolve("loop")), "plain loop = Direct");
    List<String> dropLines = CcNetPipelineTest.dropLines(tmp.resolve("direct"));
    assertEquals(sorted(dropLines), sorted(CcNetPipelineTest.dropLines(tmp.resolve("flink"))), "same drops");
    for (RunReport rep : List.of(direct, flink)) {
      assertTrue(rep.accountingHolds());
      assertEquals(direct.dropsByReason(), rep.dropsByReason());
    }
    assertEquals(direct.read(), loop.read());
    assertEquals(direct.written(), loop.written());
    Map<String, String> drops = new TreeMap<>();
    for (String l : dropLines) {
      JsonNode d = JSON.readTree(l);
      drops.put(d.get("id").asText(), d.get("reason").asText());
    }
    return new Runs(direct, shards, drops);
  }

  @Test
  void checkoutsAsFolders() throws Exception {
    List<Path> repos = GithubFixtures.tree(tmp.resolve("in"));
    Recipe r = Recipes.override(Recipes.preset("github"), "read.format=code");
    Runs runs = runAll(r, repos.stream().map(Path::toString).toList());

    assertEquals(11, runs.direct().read(), "every file but .git/ and dot files");
    Map<String, String> expected = new TreeMap<>(Map.of(
        "demo/LICENSE", "GITHUB_EXTENSION_NOT_ALLOWED",
        "demo/third_party/wc.c", "EXACT_DUPLICATE",
        "demo/src/api.pb.go", "GITHUB_GENERATED_FILE",
        "demo/web/app.js", "GITHUB_MINIFIED_FILE",
        "demo/data/cities.csv", "GITHUB_DATA_FILE",
        "demo/assets/logo.png", "BINARY_FILE",
        "gpl-tool/COPYING", "GITHUB_LICENSE_NOT_ALLOWED",
        "gpl-tool/main.c", "GITHUB_LICENSE_NOT_ALLOWED"));
    assertEquals(expected, runs.drops());

    Map<String, JsonNode> kept = new TreeMap<>();
    for (String l : runs.shards()) {
      JsonNode d = JSON.readTree(l);
      kept.put(d.get("repo_name").asText() + "/" + d.get("path").asText(), d);
    }
    assertEquals(List.of("demo/README.md", "demo/scripts/build.sh", "demo/src/wc.c"), new ArrayList<>(kept.keySet()));
    JsonNode wc = kept.get("demo/src/wc.c");
    assertEquals("MIT", wc.get("license").asText(), "from the root LICENSE");
    assertEquals(GithubFixtures.CODE, wc.get("raw_content").asText(), "licence header removed");
    assertTrue(wc.get("max_line_length").asLong() > 0, "RPv1's measures are written");
    assertTrue(kept.get("demo/scripts/build.sh").get("raw_content").asText().startsWith("#!/bin/sh\n# Build"),
        "a shebang and an ordinary comment stay");
    assertFalse(wc.has("url"));
  }

  @Test
  void jsonlOfFiles() throws Exception {
    Path in = GithubFixtures.jsonl(tmp.resolve("in/files.jsonl"));
    Runs runs = runAll(Recipes.preset("github"), List.of(in.toString()));

    assertEquals(7, runs.direct().read());
    assertEquals(new TreeMap<>(Map.of(
        "acme/wc/vendor/wc.c", "EXACT_DUPLICATE",
        "gnu/tool/main.c", "GITHUB_LICENSE_NOT_ALLOWED",
        "acme/data/cities.csv", "GITHUB_DATA_FILE",
        "acme/bin/blob.c", "BINARY_FILE",
        "files.jsonl#7", "INVALID_JSON")), runs.drops());
    assertEquals(2, runs.shards().size());
    JsonNode wc = null;
    JsonNode py = null;
    for (String l : runs.shards()) {
      JsonNode d = JSON.readTree(l);
      if (d.get("path").asText().equals("src/wc.c")) {
        wc = d;
      } else {
        py = d;
      }
    }
    assertEquals(GithubFixtures.CODE, wc.get("raw_content").asText());
    assertEquals(812, wc.get("size").asInt(), "extra fields ride through");
    assertEquals(JSON.readTree("{\"stars\":5,\"topics\":[\"cli\",1]}"), wc.get("meta"), "nested as it came");
    assertEquals("py-1", py.get("id").asText(), "an own id is kept");
    assertEquals("bsd-2-clause", py.get("license").asText());
  }

  private static List<String> sorted(List<String> l) {
    List<String> s = new ArrayList<>(l);
    s.sort(null);
    return s;
  }
}
