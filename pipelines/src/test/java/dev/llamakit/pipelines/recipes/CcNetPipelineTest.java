package dev.llamakit.pipelines.recipes;

import static dev.llamakit.pipelines.recipes.TestCorpus.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.report.RunReport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The CCNet recipe end to end on Beam: dedup semantics of both policies, accounting, and two runners agreeing. */
class CcNetPipelineTest {
  @TempDir Path tmp;

  private RunReport run(DedupPolicy policy, Runner runner, Path out) throws Exception {
    Path corpus = TestCorpus.write(Files.createDirectories(tmp.resolve("in")));
    return new RecipeJob(ccnet(policy, corpus, "skip"), runner, 2, null, List.of()).run(out, false, System.err);
  }

  /** The ccnet preset with the test corpus's minimum length, the shared LID model and one shard per language. */
  static CompiledRecipe ccnet(DedupPolicy policy, Path input, String onBadRecord) throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Recipe r = Recipes.preset("ccnet")
        .with("read", "on_bad_record", onBadRecord)
        .with("length", "min_length", 200)
        .with("dedup_lines", "min_length", 200)
        .with("dedup_lines", "policy", policy.name().toLowerCase().replace('_', '-'))
        .with("language", "model", lid.toString())
        .with("write", "shards", 1)
        .with("write", "layout", "language");
    return new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(input.toString()), 2);
  }

  static Map<String, JsonNode> readShards(Path out) throws Exception {
    Map<String, JsonNode> byUrl = new TreeMap<>();
    ObjectMapper om = new ObjectMapper();
    for (String line : shardLines(out)) {
      JsonNode n = om.readTree(line);
      byUrl.put(n.get("url").asText(), n);
    }
    return byUrl;
  }

  static List<String> shardLines(Path out) throws Exception {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json.gz")).sorted().toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        }
      }
    }
    lines.sort(null);
    return lines;
  }

  @Test
  void removeAllIsCcNetSemanticsAndAccountingHolds() throws Exception {
    Path out = tmp.resolve("out");
    RunReport report = run(DedupPolicy.REMOVE_ALL, Runner.DIRECT, out);
    Map<String, JsonNode> docs = readShards(out);

    JsonNode a = docs.get("http://a.example/page");
    assertEquals("Title A", a.get("title").asText());
    assertEquals(String.join("\n", A3, A4, A5), a.get("raw_content").asText());
    assertEquals("[3,4,5]", a.get("line_ids").toString());
    assertEquals(6, a.get("original_nlines").asInt());
    assertEquals(3, a.get("nlines").asInt());
    assertEquals(a.get("raw_content").asText().length(), a.get("length").asInt());
    assertEquals("en", a.get("language").asText());
    assertEquals("a.example", a.get("source_domain").asText());
    assertEquals("corpus.warc.wet.gz", a.get("cc_segment").asText());
    assertTrue(a.get("digest").asText().startsWith("sha1:"));

    JsonNode b = docs.get("https://b.example:8080/x?y=1");
    assertEquals(String.join("\n", B1, B2, B3), b.get("raw_content").asText(), "BOILER goes, the second B1 goes");
    assertEquals("[1,2,3]", b.get("line_ids").toString());
    assertEquals("b.example:8080", b.get("source_domain").asText());

    JsonNode d = docs.get("http://d.example/");
    assertEquals(String.join("\n", D1, D2, D3), d.get("raw_content").asText());

    JsonNode f = docs.get("http://f.example/fr");
    assertEquals("fr", f.get("language").asText());
    assertEquals(String.join("\n", F1, F2, F3, F4), f.get("raw_content").asText(), "empty line skipped at read");
    assertTrue(Files.isDirectory(out.resolve("fr")) && Files.isDirectory(out.resolve("en")));

    assertFalse(docs.containsKey("http://c.example/short"));
    assertFalse(docs.containsKey("http://e.example/"));
    assertEquals(6, report.read());
    assertEquals(4, report.written());
    assertEquals(Map.of("TOO_SHORT", 1L, "EMPTY_AFTER_DEDUP", 1L), report.dropsByReason());
    assertTrue(report.accountingHolds());
    assertTrue(Files.isRegularFile(out.resolve("report.json")));
    JsonNode json = new ObjectMapper().readTree(out.resolve("report.json").toFile());
    assertEquals(6, json.at("/documents/read").asInt());
    assertTrue(json.at("/accounting/holds").asBoolean());
    assertEquals(2, dropLines(out).size());
  }

  @Test
  void keepFirstKeepsOneCopyInTheFirstDocument() throws Exception {
    Path out = tmp.resolve("out");
    RunReport report = run(DedupPolicy.KEEP_FIRST, Runner.DIRECT, out);
    Map<String, JsonNode> docs = readShards(out);
    assertEquals(String.join("\n", A1, A2, BOILER, A3, A4, A5), docs.get("http://a.example/page").get("raw_content").asText());
    assertEquals(String.join("\n", B1, B2, B3), docs.get("https://b.example:8080/x?y=1").get("raw_content").asText());
    assertEquals(String.join("\n", D1, D2, D3), docs.get("http://d.example/").get("raw_content").asText());
    assertFalse(docs.containsKey("http://e.example/"), "E holds only lines owned by A");
    assertTrue(report.accountingHolds());
  }

  /** The same pipeline on the embedded Flink mini-cluster writes exactly what the DirectRunner writes. */
  @Test
  void flinkAndDirectRunnersWriteIdenticalDocuments() throws Exception {
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    RunReport rd = run(DedupPolicy.REMOVE_ALL, Runner.DIRECT, direct);
    RunReport rf = run(DedupPolicy.REMOVE_ALL, Runner.FLINK, flink);
    assertEquals(shardLines(direct), shardLines(flink));
    assertEquals(rd.dropsByReason(), rf.dropsByReason());
    assertEquals(rd.read(), rf.read());
    assertTrue(rf.accountingHolds());
  }

  /**
   * Under --on-bad-record=fail a bad record stops the run with one line naming it (not the runner's wrapping), on
   * both runners, and nothing appears under the output name.
   */
  @ParameterizedTest
  @EnumSource(value = Runner.class, names = {"DIRECT", "FLINK"})
  void failPolicyStopsTheRunWithOneLineAndWritesNothing(Runner runner) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    TestCorpus.write(in);
    Files.writeString(in.resolve("broken.jsonl"), "{\"text\": \"fine\"}\nnot json at all\n");
    CompiledRecipe cfg = ccnet(DedupPolicy.REMOVE_ALL, in, "fail");
    Path out = tmp.resolve("out");
    PipelineFailedException e = org.junit.jupiter.api.Assertions.assertThrows(PipelineFailedException.class,
        () -> new RecipeJob(cfg, runner, 2, null, List.of()).run(out, false, System.err));
    assertTrue(e.getMessage().startsWith("broken.jsonl#2: INVALID_JSON"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(out));
    try (Stream<Path> s = Files.list(tmp)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains("staging")), "staging folder removed");
    }
  }

  /** A run removes staging folders its output was left with by runs whose process is gone, and only those. */
  @Test
  void abandonedStagingFoldersOfDeadRunsAreRemoved() throws Exception {
    Path out = tmp.resolve("out");
    Process finished = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    finished.waitFor();
    Path dead = Files.createDirectories(tmp.resolve(".out.staging-dead"));
    Files.writeString(dead.resolve(RecipeJob.OWNER_FILE), Long.toString(finished.pid()));
    Files.writeString(dead.resolve("part-00000.json.gz"), "half a shard");
    Path ownerless = Files.createDirectories(tmp.resolve(".out.staging-ownerless"));
    Path alive = Files.createDirectories(tmp.resolve(".out.staging-alive"));
    Files.writeString(alive.resolve(RecipeJob.OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
    Path otherOutput = Files.createDirectories(tmp.resolve(".other.staging-dead"));
    RecipeJob.removeAbandonedStaging(out);
    assertFalse(Files.exists(dead));
    assertFalse(Files.exists(ownerless));
    assertTrue(Files.exists(alive), "a live run's staging folder is left alone");
    assertTrue(Files.exists(otherOutput), "another output's staging folders are not this run's business");
  }

  /**
   * Issue #17: a damaged gzip member (record C's) costs that record only: it is read and counted as CORRUPT_GZIP,
   * accounting holds, and every document written is the one the intact corpus gives.
   */
  @Test
  void damagedGzipMemberIsCountedAndTheRestIsWritten() throws Exception {
    Path intactOut = tmp.resolve("intact");
    run(DedupPolicy.REMOVE_ALL, Runner.DIRECT, intactOut);
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path corpus = in.resolve("corpus.warc.wet.gz");
    byte[] gz = Files.readAllBytes(corpus);
    List<Integer> members = new ArrayList<>();
    for (int i = 0; i + 4 <= gz.length; i++) {
      if (gz[i] == 0x1f && gz[i + 1] == (byte) 0x8b && gz[i + 2] == 8 && gz[i + 3] == 0) {
        members.add(i);
      }
    }
    assertEquals(7, members.size(), "warcinfo and six pages, one gzip member each");
    gz[members.get(4) - 8] ^= 0x40; // the CRC of record 3 (page C)
    Files.write(corpus, gz);
    Path out = tmp.resolve("out");
    RunReport report = new RecipeJob(ccnet(DedupPolicy.REMOVE_ALL, in, "skip"), Runner.DIRECT, 2, null, List.of())
        .run(out, false, System.err);
    assertEquals(6, report.read(), "the damaged record is read (and counted), not lost");
    assertEquals(Map.of("CORRUPT_GZIP", 1L, "EMPTY_AFTER_DEDUP", 1L), report.dropsByReason());
    assertTrue(report.accountingHolds());
    assertEquals(shardLines(intactOut), shardLines(out));
  }

  /** The lines of a run's drop files; none when nothing was dropped (a run that drops nothing writes no folder). */
  static List<String> dropLines(Path out) throws Exception {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(out.resolve("_dropped"))) {
      return lines;
    }
    try (Stream<Path> s = Files.walk(out.resolve("_dropped"))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".jsonl.gz")).toList()) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
            new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        }
      }
    }
    return lines;
  }
}
