package dev.llamakit.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real Flink standalone session cluster on this machine for tests: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}), each its own JVM, the
 * two processes Flink's {@code bin/start-cluster.sh} starts. Their class path is Flink's own jars and the libraries a
 * Flink distribution's {@code lib/} carries, taken from this JVM's class path: never llamakit's or Beam's classes, so
 * a job runs only if its jar reached the cluster. Free ports, small heaps, logs and the configuration under
 * {@code dir}. {@link #close} stops both (SIGTERM, then SIGKILL after 10 s); so does a shutdown hook if the test JVM
 * exits first.
 */
final class FlinkStandaloneCluster implements AutoCloseable {
  /**
   * The {@code --add-exports}/{@code --add-opens} a Flink 1.19 distribution's {@code config.yaml} passes every Flink
   * JVM ({@code env.java.opts.all}; less its {@code jdk.compiler} exports, which only the Table planner uses), plus
   * what llamakit's jar needs on JDK 25: the Vector API module, native access (FFM) and sun.misc.Unsafe; C1 only, as
   * the JVMs live for a minute.
   */
  static final List<String> JVM_OPTIONS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-XX:+UseParallelGC",
      "-XX:TieredStopAtLevel=1");

  /**
   * The Maven artifacts of a Flink distribution's class path: Flink's own jars and the third-party libraries
   * {@code flink-dist} bundles (found in this JVM's class path by their {@code <artifact>/<version>/} folders).
   */
  private static final Pattern FLINK_ARTIFACT = Pattern.compile("flink-.*");
  private static final Set<String> FLINK_LIBRARIES = Set.of("commons-cli", "commons-math3", "commons-text",
      "commons-lang3", "commons-io", "commons-collections", "commons-compress", "kryo", "minlog", "objenesis",
      "chill-java", "snakeyaml-engine", "javassist", "async-profiler", "lz4-java", "snappy-java", "jsr305", "slf4j-api",
      "slf4j-simple");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int restPort;
  private final List<Process> processes = new ArrayList<>();
  private final Thread killer = new Thread(this::kill, "flink-cluster-killer");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ObjectMapper json = new ObjectMapper();

  private FlinkStandaloneCluster(Path dir, int restPort) {
    this.dir = dir;
    this.restPort = restPort;
  }

  /**
   * Starts a JobManager and a TaskManager with {@code slots} slots and waits until the TaskManager has registered.
   * On failure both are stopped and the exception names the log to read.
   */
  static FlinkStandaloneCluster start(Path dir, int slots) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("conf"));
    Files.createDirectories(dir.resolve("tmp"));
    int rpcPort = freePort();
    int restPort = freePort();
    // One explicit value for every memory component: what bin/taskmanager.sh derives from
    // taskmanager.memory.process.size and passes as -D options; TaskManagerRunner refuses to start without them.
    // Network memory below 128m is too little for Beam's batch shuffles at parallelism 2.
    Files.writeString(dir.resolve("conf/config.yaml"), String.join("\n",
        "jobmanager.rpc.address: localhost",
        "jobmanager.rpc.port: " + rpcPort,
        "jobmanager.bind-host: localhost",
        "rest.address: localhost",
        "rest.bind-address: localhost",
        "rest.port: " + restPort,
        "taskmanager.host: localhost",
        "taskmanager.bind-host: localhost",
        "taskmanager.numberOfTaskSlots: " + slots,
        "parallelism.default: " + slots,
        "io.tmp.dirs: " + dir.resolve("tmp").toAbsolutePath(),
        "taskmanager.cpu.cores: " + slots,
        "taskmanager.memory.framework.heap.size: 64m",
        "taskmanager.memory.task.heap.size: 384m",
        "taskmanager.memory.framework.off-heap.size: 128m",
        "taskmanager.memory.task.off-heap.size: 0m",
        "taskmanager.memory.network.min: 128m",
        "taskmanager.memory.network.max: 128m",
        "taskmanager.memory.managed.size: 128m",
        "taskmanager.memory.jvm-metaspace.size: 192m",
        "taskmanager.memory.jvm-overhead.min: 64m",
        "taskmanager.memory.jvm-overhead.max: 64m",
        ""));
    FlinkStandaloneCluster c = new FlinkStandaloneCluster(dir, restPort);
    Runtime.getRuntime().addShutdownHook(c.killer);
    boolean started = false;
    try {
      // Both at once: the TaskManager retries its registration until the JobManager's resource manager is up.
      c.launch("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
          List.of("-Xmx256m", "-Xms256m", "-XX:MaxMetaspaceSize=192m"));
      // heap = framework + task heap; direct = framework + task off-heap + network; as taskmanager.sh sets them
      c.launch("taskmanager", "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
          List.of("-Xmx448m", "-Xms448m", "-XX:MaxDirectMemorySize=256m", "-XX:MaxMetaspaceSize=192m"));
      c.awaitTaskManagers(1);
      started = true;
      return c;
    } finally {
      if (!started) {
        c.close();
      }
    }
  }

  /** The class path of the cluster's JVMs: the Flink artifacts of this JVM's class path. */
  static List<String> flinkClassPath() {
    List<String> cp = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      if (!entry.endsWith(".jar") || p.getParent() == null || p.getParent().getParent() == null) {
        continue;
      }
      String artifact = p.getParent().getParent().getFileName().toString();
      if (FLINK_ARTIFACT.matcher(artifact).matches() || FLINK_LIBRARIES.contains(artifact)) {
        cp.add(entry);
      }
    }
    return cp;
  }

  private void launch(String name, String mainClass, List<String> heap) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElseThrow());
    cmd.addAll(heap);
    cmd.addAll(JVM_OPTIONS);
    cmd.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    cmd.add("-cp");
    cmd.add(String.join(File.pathSeparator, flinkClassPath()));
    cmd.add(mainClass);
    cmd.addAll(Arrays.asList("--configDir", dir.resolve("conf").toAbsolutePath().toString()));
    Files.writeString(dir.resolve(name + ".cmd"), String.join(" ", cmd) + "\n");
    processes.add(new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start());
  }

  /** The JobManager's REST address as {@code --master} takes it. */
  String master() {
    return "localhost:" + restPort;
  }

  Path logs() {
    return dir;
  }

  /** GET a path of the cluster's REST API as JSON. */
  JsonNode rest(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + master() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return json.readTree(r.body());
  }

  private void awaitTaskManagers(int n) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < processes.size(); i++) {
        if (!processes.get(i).isAlive()) {
          throw new IllegalStateException("the Flink " + (i == 0 ? "jobmanager" : "taskmanager") + " exited with "
              + processes.get(i).exitValue() + "; see " + dir.resolve((i == 0 ? "jobmanager" : "taskmanager") + ".log"));
        }
      }
      try {
        if (rest("/overview").path("taskmanagers").asInt() >= n) {
          return;
        }
      } catch (IOException notYet) {
        // the REST endpoint is not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the Flink cluster did not come up within " + START_TIMEOUT.toSeconds()
        + " s; see the logs in " + dir);
  }

  /** Stops both processes: SIGTERM (Flink shuts down cleanly), SIGKILL for any still alive after 10 s. */
  @Override
  public void close() {
    StringBuilder cpu = new StringBuilder();
    for (int i = 0; i < processes.size(); i++) {
      cpu.append(i == 0 ? "jobmanager " : ", taskmanager ").append(processes.get(i).info().totalCpuDuration()
          .map(d -> String.format("%.1f s", d.toMillis() / 1e3)).orElse("?"));
    }
    System.err.println("FlinkStandaloneCluster: CPU used by " + cpu + "; stopping");
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running: it kills what is left
    }
  }

  private void kill() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
