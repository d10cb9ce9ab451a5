package dev.llamakit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ccnet recipe on a real Flink standalone session cluster — a JobManager and a TaskManager, each its own JVM
 * ({@link FlinkStandaloneCluster}) — submitted as a user submits it: {@code ./llamakit pipeline ccnet --sample ...
 * --master host:port}, the shaded jar staged to the cluster by Beam's Flink runner (the cluster's JVMs have no llamakit
 * or Beam class of their own). Its output must be the embedded mini-cluster run's: the same shard files, the same
 * documents in each output folder, the same drops and the same report but for timings and the output path.
 *
 * <p>Runs in the {@code integration-test} phase of {@code ./build verify} (the {@code cluster-it} execution of
 * surefire in cli/pom.xml), after {@code package} has built {@code target/llamakit.jar}; elsewhere it is skipped with a
 * message. The cluster's logs, configuration and both runs' outputs stay in {@code target/flink-cluster-it/}.
 */
class FlinkClusterIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize(); // surefire runs in cli/
  private static final Path WORK = Path.of("target", "flink-cluster-it").toAbsolutePath();
  private static final long CLIENT_TIMEOUT_S = 240;

  private static boolean cleaned;

  /** Skips, saying why, unless this is the integration-test phase with the jar built; empties the work folder once. */
  @BeforeEach
  void theJarIsBuilt() throws IOException {
    String jar = System.getProperty("llamakit.jar");
    assumeTrue(jar != null, "skipped: FlinkClusterIT needs the shaded jar, so it runs in the integration-test phase "
        + "of ./build verify (after package), not in the test phase");
    assumeTrue(Files.isRegularFile(Path.of(jar)), "skipped: " + jar + " was not built (./build verify builds it)");
    assertEquals(ROOT.resolve("cli/target/llamakit.jar"), Path.of(jar).toAbsolutePath().normalize(),
        "./llamakit runs the jar this build made");
    assumeTrue(Files.isExecutable(ROOT.resolve("llamakit")), "skipped: the ./llamakit launcher is not executable");
    if (!cleaned) {
      deleteTree(WORK);
      cleaned = true;
    }
    Files.createDirectories(WORK);
  }

  @Test
  void ccnetOnAStandaloneClusterWritesWhatTheEmbeddedRunWrites() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    // a fixed shard count: a cluster run always writes one (see RecipeJob), an embedded run by default one per worker
    List<String> ccnet = List.of("pipeline", "ccnet", "--sample", "--lid-model", lid.toString(), "--parallelism", "2",
        "--shards", "2", "--progress", "none");

    // The embedded run goes on while the cluster starts: the start is mostly waiting on two JVMs' class loading.
    Path embedded = WORK.resolve("embedded");
    Client.Running local = Client.start(WORK.resolve("embedded-client"), concat(ccnet, "-o", embedded.toString()));
    Path onCluster = WORK.resolve("cluster");
    long t0 = System.nanoTime();
    try (local; FlinkStandaloneCluster cluster = FlinkStandaloneCluster.start(WORK.resolve("cluster-logs"), 2)) {
      long started = System.nanoTime();
      double cpu0 = childrenCpuSeconds();
      Client localRun = local.await();
      assertEquals(0, localRun.code, localRun.toString());
      long embeddedDone = System.nanoTime();
      double cpu1 = childrenCpuSeconds();
      List<String> cp = FlinkStandaloneCluster.flinkClassPath();
      assertTrue(cp.stream().anyMatch(e -> e.contains("flink-runtime")), "the cluster runs Flink");
      assertTrue(cp.stream().noneMatch(e -> e.contains("llamakit") || e.contains("/org/apache/beam/")),
          "the cluster has no llamakit or Beam class of its own: the job's jar must reach it");

      Client remote = Client.run(WORK.resolve("cluster-client"),
          concat(ccnet, "-o", onCluster.toString(), "--master", cluster.master()));
      assertEquals(0, remote.code, remote + "\ncluster logs: " + cluster.logs());
      System.err.printf("FlinkClusterIT: cluster up after %.1f s, embedded run done after %.1f s (%.1f s of CPU), "
          + "cluster run took %.1f s (client: %.1f s of CPU); logs in %s%n", (started - t0) / 1e9,
          (embeddedDone - t0) / 1e9, cpu1 - cpu0, (System.nanoTime() - Math.max(started, embeddedDone)) / 1e9,
          childrenCpuSeconds() - cpu1, cluster.logs());

      JsonNode jobs = cluster.rest("/jobs/overview").path("jobs");
      assertEquals(1, jobs.size(), "one job ran on the cluster: " + jobs);
      assertEquals("FINISHED", jobs.get(0).path("state").asText(), jobs.toString());
      assertTrue(jobs.get(0).path("name").asText().startsWith("llamakit-ccnet-"), jobs.toString());
    }

    assertEquals(files(embedded), files(onCluster), "the same shard files in the same folders");
    Map<String, List<String>> byFolder = linesByFolder(embedded);
    assertTrue(byFolder.values().stream().mapToInt(List::size).sum() > 1000, "the sample gives >1000 documents");
    assertEquals(byFolder, linesByFolder(onCluster), "the same documents, byte for byte, in every folder");
    assertEquals(comparableReport(embedded), comparableReport(onCluster), "the same report but for timings and path");
  }

  /**
   * A cluster that is not there: one line naming the address (no stack trace, no runner log), exit code 1, within
   * seconds, and no output folder.
   */
  @Test
  void anUnreachableClusterIsOneLineNamingTheAddress() throws Exception {
    int port = FlinkStandaloneCluster.freePort();
    Path out = WORK.resolve("unreachable");
    Path input = Files.createDirectories(WORK.resolve("unreachable-in")).resolve("docs.jsonl");
    Files.writeString(input, "{\"text\": \"one document\"}\n");
    Path recipe = WORK.resolve("unreachable-in/lengths.yaml");
    Files.writeString(recipe, "name: lengths\nsteps:\n  - read: {}\n  - length: {min_length: 3}\n  - write: {}\n");
    long t0 = System.nanoTime();
    Client c = Client.run(WORK.resolve("unreachable-client"), List.of("pipeline", "run", recipe.toString(),
        input.toString(), "-o", out.toString(), "--master", "localhost:" + port));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(1, c.code, c.toString());
    assertEquals(List.of("llamakit pipeline run: error: cannot reach the Flink JobManager at localhost:" + port
        + ": connection refused (is the cluster up? --master takes the JobManager's REST address, host:8081 by "
        + "default)"), c.errLines(), c.toString());
    assertEquals("", c.out, c.toString());
    assertTrue(seconds < 30, "failed after " + seconds + " s");
    assertFalse(Files.exists(out));
  }

  /**
   * CPU seconds of this JVM's finished child processes (Linux: /proc/self/stat's cutime + cstime, in USER_HZ = 1/100 s),
   * a cost that does not depend on how loaded the machine is; NaN elsewhere.
   */
  private static double childrenCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" "); // f[0] is field 3
      return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0;
    } catch (IOException | RuntimeException notLinux) {
      return Double.NaN;
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> l = new ArrayList<>(a);
    l.addAll(List.of(b));
    return l;
  }

  /** Every file of an output folder, relative, but the report. */
  private static List<String> files(Path out) throws IOException {
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(Files::isRegularFile).map(p -> out.relativize(p).toString())
          .filter(p -> !p.equals("report.json")).sorted().toList();
    }
  }

  /**
   * The decompressed lines of each output folder's shards (and of {@code _dropped}), sorted: which shard of a folder
   * a document lands in, and its place there, is the runner's choice and differs between two embedded runs too.
   */
  private static Map<String, List<String>> linesByFolder(Path out) throws IOException {
    Map<String, List<String>> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".gz")).sorted().toList()) {
        List<String> lines = m.computeIfAbsent(out.relativize(p.getParent()).toString(), k -> new ArrayList<>());
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(p)),
            StandardCharsets.UTF_8))) {
          r.lines().forEach(lines::add);
        }
      }
    }
    m.values().forEach(l -> l.sort(null));
    return m;
  }

  /** report.json as text without what differs by nature: throughput (timings) and the output folder's path. */
  private static String comparableReport(Path out) throws IOException {
    ObjectMapper om = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = (ObjectNode) om.readTree(out.resolve("report.json").toFile());
    report.remove("throughput");
    ((ObjectNode) report.get("output")).remove("dir");
    return om.writeValueAsString(report);
  }

  /** One run of {@code ./llamakit} as a user types it, the jar this build made, its output kept for diagnosis. */
  private record Client(List<String> args, int code, String out, String err) {
    static Client run(Path logs, List<String> args) throws IOException, InterruptedException {
      try (Running r = start(logs, args)) {
        return r.await();
      }
    }

    static Running start(Path logs, List<String> args) throws IOException {
      List<String> cmd = new ArrayList<>();
      cmd.add(ROOT.resolve("llamakit").toString());
      cmd.addAll(args);
      Path out = logs.resolveSibling(logs.getFileName() + ".out");
      Path err = logs.resolveSibling(logs.getFileName() + ".err");
      ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile());
      pb.environment().put("LLAMAKIT_NO_BUILD", "1"); // the build made the jar; never rebuild from a test
      pb.environment().put("LLAMAKIT_AOT", "0"); // no start-up cache in the user's home
      pb.environment().put("LLAMAKIT_JAVA_OPTS", "-Xmx1g -XX:TieredStopAtLevel=1");
      pb.environment().remove("LLAMAKIT_DEBUG");
      return new Running(args, pb.start(), out, err);
    }

    /** A started client; closing it kills the process (and the JVM the launcher became) if it is still running. */
    record Running(List<String> args, Process process, Path out, Path err) implements AutoCloseable {
      Client await() throws IOException, InterruptedException {
        if (!process.waitFor(CLIENT_TIMEOUT_S, TimeUnit.SECONDS)) {
          close();
          throw new AssertionError("llamakit " + String.join(" ", args) + " did not finish within "
              + CLIENT_TIMEOUT_S + " s; see " + err);
        }
        return new Client(args, process.exitValue(), Files.readString(out), Files.readString(err));
      }

      @Override
      public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    }

    /** stderr's lines but the JVM's own notice that the Vector API is an incubator module. */
    List<String> errLines() {
      return err.strip().lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
    }

    @Override
    public String toString() {
      return "llamakit " + String.join(" ", args) + " -> exit " + code + "\n--- stderr\n" + err + "--- stdout\n" + out;
    }
  }
}
