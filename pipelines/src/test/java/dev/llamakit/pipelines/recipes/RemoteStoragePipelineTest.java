package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.sample.CorpusGenerator;
import dev.llamakit.pipelines.sample.LanguagePool;
import dev.llamakit.pipelines.storage.FileServer;
import dev.llamakit.pipelines.storage.RemoteFiles;
import dev.llamakit.pipelines.storage.S3Server;
import dev.llamakit.pipelines.storage.S3Settings;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs and outputs on real servers started on the loopback interface: S3Proxy (an S3 API server, signatures
 * checked) and the JDK's HTTP server. A recipe read from {@code s3://} and written to {@code s3://}, and one read
 * through a paths list with an {@code http://} base, write the same shards (same names, same lines once decompressed)
 * as the same recipe on the local files; a missing object, a refused connection and bad credentials are one line
 * naming the URL, before the pipeline starts.
 */
class RemoteStoragePipelineTest {
  private static final Path SAMPLES = Path.of("..", "samples", "ccnet"); // surefire runs in pipelines/
  /** Two small generated files (a few dozen pages, as the bundled sample's) and the real Common Crawl record. */
  private static final List<String> FILES = List.of("gen-00000.warc.wet.gz", "gen-00001.warc.wet.gz",
      "whirlwind.warc.wet.gz");
  private static final String RECIPE = """
      name: remote
      steps:
        - read: {}
        - length: {min_length: 0, max_length: 190000}
        - c4_lines: {}
        - write: {layout: single, shards: 1}
      """;

  @TempDir static Path tmp;
  static Path in;
  static S3Server s3;
  static FileServer http;
  static Recipe recipe;
  static Map<String, List<String>> local;
  static RunReport localReport;

  @BeforeAll
  static void servers() throws Exception {
    in = Files.createDirectories(tmp.resolve("in"));
    new CorpusGenerator(LanguagePool.all(), 7).write(in, "gen", new CorpusGenerator.Shape(40, 2, 2_000, 6));
    Files.copy(SAMPLES.resolve("whirlwind.warc.wet.gz"), in.resolve("whirlwind.warc.wet.gz"));
    s3 = S3Server.start("corpus");
    http = FileServer.serving(in);
    for (String f : FILES) {
      s3.put("corpus", "in/" + f, in.resolve(f));
    }
    System.setProperty("aws.accessKeyId", S3Server.ACCESS_KEY);
    System.setProperty("aws.secretAccessKey", S3Server.SECRET_KEY);
    recipe = Recipes.resolve(Files.writeString(tmp.resolve("remote.yaml"), RECIPE).toString());
    CompiledRecipe c = new RecipeCompiler().compile(recipe,
        RecipeCompiler.Inputs.of(FILES.stream().map(f -> in.resolve(f).toString()).toArray(String[]::new)), 2);
    localReport = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("local"), false, System.err);
    local = localShards(tmp.resolve("local"));
    assertTrue(localReport.written() > 20 && local.size() == 1, "the local run writes a shard: " + local.keySet());
  }

  @AfterAll
  static void stop() throws Exception {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    http.close();
    s3.close();
  }

  private static List<String> s3Args() {
    return S3Settings.resolve(s3.endpoint(), null, Map.of()).beamArgs();
  }

  @Test
  void s3InputsAndOutputWriteWhatALocalRunWrites() throws Exception {
    RemoteFiles.register(s3Args());
    CompiledRecipe c = new RecipeCompiler().compile(recipe, RecipeCompiler.Inputs.of("s3://corpus/in/*.wet.gz"), 2);
    assertEquals(FILES.stream().map(f -> "s3://corpus/in/" + f).toList(), c.inputs().stream().map(f -> f.path()).toList());
    assertEquals(c.inputs(), new RecipeCompiler().compile(recipe, RecipeCompiler.Inputs.of("s3://corpus/in"), 2)
        .inputs(), "a prefix reads the corpus files under it, as a folder does");

    Process finished = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version").start();
    finished.waitFor();
    s3.put("corpus", ".out.staging-dead/.owner", host(finished.pid()));
    s3.put("corpus", ".out.staging-dead/all/part-00000-of-00001.json.gz", host(finished.pid()));
    s3.put("corpus", ".out.staging-alive/.owner", host(ProcessHandle.current().pid()));

    RunReport report = new RecipeJob(c, Runner.DIRECT, 2, null, s3Args()).run("s3://corpus/out", false, System.err);
    assertEquals(localReport.read(), report.read());
    assertEquals(localReport.written(), report.written());

    Map<String, byte[]> objects = objects("out/");
    Map<String, List<String>> shards = new TreeMap<>();
    objects.forEach((k, v) -> {
      if (k.endsWith(".json.gz") && !k.startsWith("_dropped")) {
        shards.put(k, lines(v));
      }
    });
    assertSameShards(shards);
    JsonNode published = new ObjectMapper().readTree(objects.get("report.json"));
    assertEquals(report.written(), published.get("verified_shard_lines").asLong());
    assertEquals("s3://corpus/out", published.get("output").get("dir").asText());
    assertEquals(List.of(".out.staging-alive/.owner"),
        objects("").keySet().stream().filter(k -> k.contains(".staging-") || k.contains(".temp-beam")).toList(),
        "no staging or temporary object of this run is left; a dead run's staging is removed, a live one's kept");

    FileAlreadyExistsException exists = assertThrows(FileAlreadyExistsException.class,
        () -> new RecipeJob(c, Runner.DIRECT, 2, null, s3Args()).run("s3://corpus/out/", false, System.err));
    assertEquals("s3://corpus/out: output exists; pass --overwrite to replace it", exists.getMessage());
  }

  @Test
  void aPathsListWithAnHttpBaseReadsWhatTheLocalFilesHold() throws Exception {
    Path paths = Files.writeString(tmp.resolve("wet.paths"), String.join("\n", FILES) + "\n");
    RemoteFiles.register(List.of());
    CompiledRecipe c = new RecipeCompiler().compile(recipe,
        new RecipeCompiler.Inputs(List.of(), paths, http.url() + "/"), 2);
    assertEquals(http.url() + "/whirlwind.warc.wet.gz", c.inputs().get(2).path(), "base and entry joined once");
    RunReport report = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("http"), false, System.err);
    assertEquals(localReport.written(), report.written());
    assertSameShards(localShards(tmp.resolve("http")));
  }

  @Test
  void aMissingObjectARefusedPortOrBadCredentialsIsOneLineNamingTheUrl() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    Path paths = Files.writeString(tmp.resolve("one.paths"), "gen-00000.warc.wet.gz\n");
    String out = tmp.resolve("never").toString();
    String bad = "--awsCredentialsProvider={\"@type\":\"StaticCredentialsProvider\","
        + "\"accessKeyId\":\"" + S3Server.ACCESS_KEY + "\",\"secretAccessKey\":\"wrong\"}";
    assertFails(http.url() + "/gone/gen-00000.warc.wet.gz: not found",
        new Job(List.of(), paths, http.url() + "/gone", null, List.of(), out));
    assertFails("http://127.0.0.1:" + closed + "/gen-00000.warc.wet.gz: connection refused",
        new Job(List.of(), paths, "http://127.0.0.1:" + closed, null, List.of(), out));
    assertFails("s3://corpus/in/missing.warc.wet.gz: no such object",
        new Job(List.of("s3://corpus/in/missing.warc.wet.gz"), null, null, s3.endpoint(), List.of(), out));
    assertFails("s3://corpus/in/whirlwind.warc.wet.gz: connection refused",
        new Job(List.of("s3://corpus/in/whirlwind.warc.wet.gz"), null, null, "http://127.0.0.1:" + closed,
            List.of(), out));
    assertFails("s3://corpus/in/whirlwind.warc.wet.gz: access denied (HTTP 403",
        new Job(List.of("s3://corpus/in/whirlwind.warc.wet.gz"), null, null, s3.endpoint(), List.of(bad), out));
    assertFails("output https://example.invalid/out: http(s) locations are read-only",
        new Job(List.of(in.resolve(FILES.get(2)).toString()), null, null, null, List.of(),
            "https://example.invalid/out"));
    assertFalse(Files.exists(Path.of(out)));
  }

  /**
   * A run as {@code pipeline run RECIPE INPUT... --paths --base --s3-endpoint --beam=... -o OUTPUT --runner direct}
   * makes it (the command's options, its own wiring tested in cli/): inputs, paths list and base, S3 endpoint, extra
   * Beam arguments, output.
   */
  private record Job(List<String> inputs, Path paths, String base, String s3Endpoint, List<String> beam,
      String output) {
    void run() throws Exception {
      List<String> extra = S3Settings.resolve(s3Endpoint, null, System.getenv()).completing(beam);
      RemoteFiles.register(extra);
      CompiledRecipe c = new RecipeCompiler().compile(recipe, new RecipeCompiler.Inputs(inputs, paths, base), 2);
      new RecipeJob(c, Runner.DIRECT, 2, null, extra).run(output, false, System.err);
    }
  }

  /** The job fails before it starts, with a message of one line (what the command prints) containing {@code line}. */
  private static void assertFails(String line, Job job) {
    Exception e = assertThrows(Exception.class, job::run);
    String shown = String.valueOf(e.getMessage()).strip();
    assertTrue(shown.contains(line), "expected <" + line + "> in: " + shown);
    assertEquals(1, shown.lines().count(), "one line: " + shown);
  }

  /** A temporary file holding what an owner object of a staging prefix holds for process {@code pid} here. */
  private static Path host(long pid) throws Exception {
    String owner = RemoteOutput.owner();
    return Files.writeString(Files.createTempFile(tmp, "owner", ""), owner.substring(0, owner.lastIndexOf(' ') + 1) + pid);
  }

  /** Same shard names as the local run, and in each the same lines once decompressed (compared in order). */
  private static void assertSameShards(Map<String, List<String>> shards) {
    assertEquals(local.keySet(), shards.keySet());
    for (String k : local.keySet()) {
      assertEquals(local.get(k).size(), shards.get(k).size(), k + ": documents");
      assertTrue(local.get(k).equals(shards.get(k)), k + ": the same documents, byte for byte");
    }
  }

  /** Every object under a key prefix of the bucket, by key relative to the prefix. */
  private static Map<String, byte[]> objects(String prefix) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    for (StorageMetadata m : s3.blobs().list("corpus", ListContainerOptions.Builder.recursive().prefix(prefix))) {
      if (m.getName().endsWith("/")) {
        continue;
      }
      try (InputStream in = s3.blobs().getBlob("corpus", m.getName()).getPayload().openStream()) {
        out.put(m.getName().substring(prefix.length()), in.readAllBytes());
      }
    }
    return out;
  }

  private static Map<String, List<String>> localShards(Path dir) throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json.gz") && !p.toString().contains("_dropped")).toList()) {
        out.put(dir.relativize(p).toString(), lines(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  /** The decompressed lines of a shard, sorted (a runner writes a shard's documents in no fixed order). */
  private static List<String> lines(byte[] gzip) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        new GZIPInputStream(new java.io.ByteArrayInputStream(gzip)), StandardCharsets.UTF_8))) {
      return r.lines().sorted().toList();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
