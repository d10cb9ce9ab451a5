package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.WriteShards;
import dev.llamakit.pipelines.report.Progress;
import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.storage.Locations;
import dev.llamakit.pipelines.storage.RemoteFiles;
import dev.llamakit.pipelines.storage.S3Settings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Runs a compiled recipe end to end on a chosen runner and publishes the result atomically: everything is written
 * into a staging folder beside the output folder, which replaces the output folder only when the run has succeeded
 * (and the report is written). A failed or interrupted run never leaves half a result under the output name, and
 * removes its staging folder (on Ctrl-C too, from a shutdown hook; a run killed hard leaves it to the next run into
 * the same output, which deletes staging folders whose process is gone). Before publishing, the lines of every shard
 * are counted and must equal the runner's own count of documents written. A failure inside the runner is one line,
 * its root cause ({@link PipelineFailedException}). An {@code s3://} output is staged beside itself and copied into
 * place, report last ({@link RemoteOutput} says what is atomic there and what is not).
 */
public final class RecipeJob {
  /** Staging folders are {@code .<output name>.staging-<run id>}, with the owning process id in {@link #OWNER_FILE}. */
  static final String STAGING_PREFIX = ".%s.staging-";
  static final String OWNER_FILE = ".owner-pid";
  private final CompiledRecipe recipe;
  private final Runner runner;
  private final int parallelism;
  private final String master;
  private final List<String> extraBeamArgs;
  private Progress.Mode progress = Progress.Mode.NONE;

  public RecipeJob(CompiledRecipe recipe, Runner runner, int parallelism, String master, List<String> extraBeamArgs) {
    this.recipe = recipe;
    this.runner = runner;
    this.parallelism = parallelism;
    this.master = master;
    this.extraBeamArgs = List.copyOf(extraBeamArgs);
  }

  /** Shows a progress line on {@code log} while the job runs (default {@code NONE}; the CLI's {@code --progress}). */
  public RecipeJob withProgress(Progress.Mode mode) {
    this.progress = mode;
    return this;
  }

  /**
   * Runs the job into {@code output}: a local folder (published by an atomic folder swap) or an {@code s3://}
   * prefix (staged beside it and copied into place, report last: {@link RemoteOutput}). With {@code overwrite} false
   * an existing output is an error.
   */
  public RunReport run(String output, boolean overwrite, PrintStream log) throws IOException {
    if (!Locations.isRemote("output", output)) {
      return run(Locations.localPath(output), overwrite, log);
    }
    if (Locations.isHttp(output)) {
      throw new IllegalArgumentException("output " + output + ": http(s) locations are read-only; write to a local "
          + "folder or to s3://");
    }
    runner.requireAvailable();
    runner.requireReachable(master);
    PipelineOptions options = options();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    RemoteOutput out = new RemoteOutput(output, runId);
    out.checkWritable(overwrite);
    out.removeAbandonedStaging();
    out.claimStaging();
    Thread cleanup = new Thread(() -> discardQuietly(out), "llamakit-staging-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean published = false;
    try {
      RunReport report = execute(options, out.staging(), runId, log);
      out.removeWriterTemps();
      report.with("output", output(out.location(), out.shards()));
      verifyShards(report, out.countShardLines());
      out.writeReport(report);
      out.publish();
      published = true;
      return report;
    } finally {
      if (!published) {
        discardQuietly(out);
      }
      removeHook(cleanup);
    }
  }

  /** Runs the job into the local folder {@code output}; with {@code overwrite} false an existing folder is an error. */
  public RunReport run(Path output, boolean overwrite, PrintStream log) throws IOException {
    Path out = output.toAbsolutePath().normalize();
    if (Files.exists(out) && !overwrite) {
      throw new FileAlreadyExistsException(out.toString(), null, "output folder exists; pass --overwrite to replace it");
    }
    runner.requireAvailable();
    runner.requireReachable(master);
    PipelineOptions options = options();
    Files.createDirectories(out.getParent());
    removeAbandonedStaging(out);
    String runId = Long.toString(System.currentTimeMillis(), 36);
    Path staging = out.resolveSibling(STAGING_PREFIX.formatted(out.getFileName()) + runId);
    Files.createDirectories(staging);
    Files.writeString(staging.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()));
    Thread cleanup = new Thread(() -> deleteQuietly(staging), "llamakit-staging-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    boolean published = false;
    try {
      RunReport report = execute(options, staging.toString(), runId, log)
          .with("output", output(out.toString(), relativeShards(staging)));
      removeWriterTempDirs(staging);
      verifyShards(report, countShardLines(staging));
      report.writeTo(staging.resolve("report.json"));
      Files.delete(staging.resolve(OWNER_FILE));
      publish(staging, out);
      published = true;
      return report;
    } finally {
      if (!published) {
        deleteTree(staging);
      }
      removeHook(cleanup);
    }
  }

  /**
   * The run's Beam options — the runner's, the caller's, and the S3 settings from the environment where the caller
   * gave none — registered as the file systems' defaults, so inputs and outputs on S3 or HTTP(S) resolve with them.
   */
  private PipelineOptions options() {
    List<String> args = new ArrayList<>(runner.arguments(parallelism, master));
    args.addAll(extraBeamArgs);
    PipelineOptions options = PipelineOptionsFactory
        .fromArgs(S3Settings.fromEnvironment().completing(args).toArray(String[]::new)).withValidation().create();
    FileSystems.setDefaultPipelineOptions(options);
    return options;
  }

  /** Runs the pipeline into {@code staging}; the report has the runner's metrics, the runner and the recipe. */
  private RunReport execute(PipelineOptions options, String staging, String runId, PrintStream log) {
    options.setJobName("llamakit-" + recipe.recipe().name().replaceAll("[^A-Za-z0-9-]", "-") + "-" + runId);
    Pipeline p = Pipeline.create(options);
    p.apply(recipe.recipe().name(), RecipePipeline.of(forRunner(), staging));
    long t0 = System.nanoTime();
    log.printf("running the %s recipe (%s) on %d input file(s) with the %s runner (parallelism %d)...%n",
        recipe.recipe().name(), String.join(" > ", recipe.recipe().stepNames()), recipe.inputs().size(),
        runner.name().toLowerCase(), parallelism);
    PipelineResult result;
    PipelineResult.State state;
    try (Progress shown = Progress.start(progress, inputBytes(), log)) {
      result = p.run();
      state = result.waitUntilFinish();
    } catch (RuntimeException e) {
      throw PipelineFailedException.of(e);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("the pipeline ended in state " + state);
    }
    return RunReport.from(result.metrics(), seconds, parallelism)
        .with("runner", runner.name().toLowerCase())
        .with("recipe", describe());
  }

  /** The shards must hold exactly the documents the runner counted as written, or nothing is published. */
  private void verifyShards(RunReport report, long inShards) {
    if (inShards != report.written()) {
      throw new IllegalStateException("the " + runner.name().toLowerCase() + " runner counted " + report.written()
          + " documents written but the shards hold " + inShards + "; the output was not published");
    }
    report.with("verified_shard_lines", inShards);
  }

  private static void removeHook(Thread cleanup) {
    try {
      Runtime.getRuntime().removeShutdownHook(cleanup);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or will: it deletes what is left
    }
  }

  private static void discardQuietly(RemoteOutput out) {
    try {
      out.discardStaging();
    } catch (IOException | RuntimeException e) {
      // best effort; the staging prefix names the run, and is never read as a result
    }
  }

  /**
   * Staging folders of earlier runs into the same output whose process is gone (killed hard, or a machine that went
   * down): a staging folder is never a result, so they are deleted. Folders of a run still alive are left alone.
   */
  static void removeAbandonedStaging(Path out) throws IOException {
    String prefix = STAGING_PREFIX.formatted(out.getFileName());
    try (Stream<Path> siblings = Files.list(out.getParent())) {
      for (Path dir : siblings.filter(d -> d.getFileName().toString().startsWith(prefix)).toList()) {
        Path owner = dir.resolve(OWNER_FILE);
        long pid = -1;
        try {
          pid = Long.parseLong(Files.readString(owner).trim());
        } catch (IOException | NumberFormatException unreadable) {
          // no owner recorded: abandoned
        }
        if (pid < 0 || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          deleteTree(dir);
        }
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      deleteTree(dir);
    } catch (RuntimeException e) {
      // best effort while the JVM exits; the next run into this output removes what is left
    }
  }

  /** The stored size of every input (one batched look-up), for the progress line's share read (0 when unknown). */
  private long inputBytes() {
    try {
      long total = 0;
      for (var m : RemoteFiles.require(recipe.inputs().stream().map(f -> f.path()).toList(), null)) {
        total += m.sizeBytes();
      }
      return total;
    } catch (IOException | RuntimeException unknown) {
      return 0;
    }
  }

  /** The recipe as it ran: name, origin, inputs and every step with the parameters as written. */
  private Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", recipe.recipe().name());
    m.put("origin", recipe.recipe().origin());
    m.put("inputs", recipe.inputs().stream().map(f -> f.path()).toList());
    List<Map<String, Object>> steps = new ArrayList<>();
    for (RecipeStep s : recipe.recipe().steps()) {
      steps.add(Map.of(s.name(), s.params()));
    }
    m.put("steps", steps);
    m.put("layout", recipe.layout().name().toLowerCase());
    int shards = forRunner().shards();
    m.put("shards_per_folder", shards == WriteShards.PER_WRITER ? "one per worker" : shards);
    return m;
  }

  /** The report's {@code output} entry, its keys in a fixed order (so two runs' reports compare as text). */
  private static Map<String, Object> output(String out, List<String> shards) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("dir", out);
    m.put("shards", shards);
    m.put("dropped", "_dropped/");
    return m;
  }

  private static List<String> relativeShards(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".json.gz")).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  /**
   * Per-writer shards on an embedded Flink run and the DirectRunner only; elsewhere a fixed number, the parallelism:
   * Spark's runner has named two per-writer files alike (see WriteShards), and on a Flink cluster the extra shuffle
   * channels of FileIO's per-writer path exhausted a small TaskManager's network buffers.
   */
  private CompiledRecipe forRunner() {
    boolean embedded = runner == Runner.DIRECT || runner == Runner.FLINK && runner.clusterAddresses(master).isEmpty();
    return !embedded && recipe.shards() == WriteShards.PER_WRITER ? recipe.withShards(parallelism) : recipe;
  }

  /** Lines in every output shard: the documents really written, checked against the runner's own count. */
  private static long countShardLines(Path dir) throws IOException {
    long n = 0;
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".json.gz") && !p.toString().contains("_dropped")).toList()) {
        try (java.io.InputStream in = Files.newInputStream(p)) {
          n += gzipLines(in);
        }
      }
    }
    return n;
  }

  /** Line breaks in a gzip stream. */
  static long gzipLines(java.io.InputStream gz) throws IOException {
    long n = 0;
    try (java.io.InputStream in = new java.util.zip.GZIPInputStream(gz, 1 << 16)) {
      byte[] buf = new byte[1 << 16];
      for (int r; (r = in.read(buf)) > 0; ) {
        for (int i = 0; i < r; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** FileIO's emptied {@code .temp-beam*} folders: nothing of the result is in them once the run succeeded. */
  private static void removeWriterTempDirs(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".temp-beam")).toList()) {
        deleteTree(p);
      }
    }
  }

  /** Swaps the staging folder into place; an old output folder is moved aside first and deleted after. */
  private static void publish(Path staging, Path out) throws IOException {
    Path old = null;
    if (Files.exists(out)) {
      old = out.resolveSibling("." + out.getFileName() + ".old-" + Long.toString(System.nanoTime(), 36));
      Files.move(out, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, out, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteTree(old);
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
