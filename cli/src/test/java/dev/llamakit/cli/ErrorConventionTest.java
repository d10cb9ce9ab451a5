package dev.llamakit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The README's exit-code convention, asserted for every command group on the real command tree (in-process, no
 * mocks): a usage error exits 2 with the error and a one-line pointer to the help (never the whole help); a failure,
 * a missing input or model file included, exits 1 with exactly one line that names the file.
 */
class ErrorConventionTest {
  /** One command per group that reads an input file, with that file ({@code dir/missing-input}) missing. */
  private static List<String> missingFileCommand(String group, Path dir) {
    String missing = dir.resolve("missing-input").toString();
    return switch (group) {
      case "engine" -> List.of("engine", "generate", "--model", missing, "--prompt", "hi");
      case "safety" -> List.of("safety", "classify", "--input", missing, "--output", dir.resolve("o.jsonl").toString());
      case "eval" -> List.of("eval", "run", "--tasks", "gsm8k_cot", "--model", missing);
      case "pipeline" -> List.of("pipeline", "ccnet", missing, "--output", dir.resolve("out").toString(),
          "--lid-model", missing);
      case "models" -> List.of("models", "fetch", "lid176", "--from", missing);
      case "bench" -> List.of("bench", "engine", "--model", missing);
      case "serve" -> List.of("serve", "--model", missing, "--port", "0");
      default -> throw new IllegalArgumentException(group);
    };
  }

  /** The leaf each group's usage error is made on. */
  private static List<String> leaf(String group) {
    return switch (group) {
      case "engine" -> List.of("engine", "generate");
      case "safety" -> List.of("safety", "classify");
      case "eval" -> List.of("eval", "run");
      case "pipeline" -> List.of("pipeline", "ccnet");
      case "models" -> List.of("models", "fetch");
      case "bench" -> List.of("bench", "engine");
      case "serve" -> List.of("serve");
      default -> throw new IllegalArgumentException(group);
    };
  }

  @Test
  void everyGroupIsCovered() {
    Set<String> groups = new TreeSet<>(LlamakitCommand.commandLine().getSubcommands().keySet());
    groups.remove("help");
    assertEquals(new TreeSet<>(Set.of("engine", "safety", "eval", "pipeline", "models", "bench", "serve")), groups,
        "a new command group needs its cases in this test");
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine", "safety", "eval", "pipeline", "models", "bench", "serve"})
  void unknownOptionIsAUsageErrorWithAShortHint(String group, @TempDir Path dir) {
    List<String> args = new java.util.ArrayList<>(missingFileCommand(group, dir));
    String name = "llamakit " + String.join(" ", leaf(group));
    args.add("--no-such-option");
    Run r = Run.of(args);
    assertEquals(2, r.code, r.toString());
    List<String> lines = r.errLines();
    assertTrue(lines.size() <= 3, "a usage error prints at most 3 lines, not the help:\n" + r);
    assertEquals(name + ": Unknown option: '--no-such-option'", lines.getFirst(), r.toString());
    assertEquals("Try '" + name + " --help' for more information.", lines.getLast(), r.toString());
    assertEquals("", r.out, r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine", "safety", "eval", "pipeline", "models", "bench"})
  void bareGroupIsAUsageErrorWithAShortHint(String group) {
    Run r = Run.of(List.of(group));
    assertEquals(2, r.code, r.toString());
    List<String> lines = r.errLines();
    assertEquals(2, lines.size(), r.toString());
    assertTrue(lines.getFirst().startsWith("llamakit " + group + ": Missing a subcommand"), r.toString());
    assertEquals("Try 'llamakit " + group + " --help' for more information.", lines.getLast(), r.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"engine", "safety", "eval", "pipeline", "models", "bench", "serve"})
  void missingInputFileIsAFailureInOneLine(String group, @TempDir Path dir) {
    List<String> args = missingFileCommand(group, dir);
    Run r = Run.of(args);
    assertEquals(1, r.code, r.toString());
    List<String> lines = r.errLines();
    assertEquals(1, lines.size(), "exactly one line:\n" + r);
    assertTrue(lines.getFirst().startsWith("llamakit " + String.join(" ", leaf(group)) + ": error: "), r.toString());
    assertTrue(lines.getFirst().contains(dir.resolve("missing-input").toString()), "names the file:\n" + r);
  }

  /** A cluster --master nobody listens on: one line naming the address, at once, before anything is written. */
  @Test
  void unreachableClusterIsAFailureInOneLineNamingTheAddress(@TempDir Path dir) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path input = java.nio.file.Files.writeString(dir.resolve("docs.jsonl"), "{\"text\": \"one document\"}\n");
    Path recipe = java.nio.file.Files.writeString(dir.resolve("lengths.yaml"),
        "name: lengths\nsteps:\n  - read: {}\n  - length: {min_length: 3}\n  - write: {}\n");
    long t0 = System.nanoTime();
    Run r = Run.of(List.of("pipeline", "run", recipe.toString(), input.toString(), "-o", dir.resolve("out").toString(),
        "--master", "localhost:" + port));
    assertTrue((System.nanoTime() - t0) / 1e9 < 20, "bounded: no runner retries");
    assertEquals(1, r.code, r.toString());
    assertEquals(List.of("llamakit pipeline run: error: cannot reach the Flink JobManager at localhost:" + port
        + ": connection refused (is the cluster up? --master takes the JobManager's REST address, host:8081 by "
        + "default)"), r.errLines(), r.toString());
    assertEquals("", r.out, r.toString());
    assertTrue(java.nio.file.Files.notExists(dir.resolve("out")), r.toString());
  }

  /**
   * A job that fails on the runner (a bad record under on_bad_record: fail, embedded Flink) is one line naming the
   * record: not the runner's log of the job's failure with its stack trace.
   */
  @Test
  void aFailedJobIsOneLineNamingTheRecord(@TempDir Path dir) throws Exception {
    Path input = java.nio.file.Files.writeString(dir.resolve("broken.jsonl"),
        "{\"text\": \"a fine document\"}\nnot json at all\n");
    Path recipe = java.nio.file.Files.writeString(dir.resolve("strict.yaml"),
        "name: strict\nsteps:\n  - read: {on_bad_record: fail}\n  - length: {min_length: 3}\n  - write: {}\n");
    Run r = Run.of(List.of("pipeline", "run", recipe.toString(), input.toString(), "-o", dir.resolve("out").toString(),
        "--parallelism", "1", "--progress", "none"));
    assertEquals(1, r.code, r.toString());
    List<String> lines = r.errLines().stream().filter(l -> !l.startsWith("running the strict recipe")).toList();
    assertEquals(1, lines.size(), "exactly one line:\n" + r);
    assertTrue(lines.getFirst().startsWith("llamakit pipeline run: error: broken.jsonl#2: INVALID_JSON"), r.toString());
  }

  @Test
  void unknownSubcommandSuggestsTheNearestName() {
    Run r = Run.of(List.of("engine", "generat"));
    assertEquals(2, r.code, r.toString());
    List<String> lines = r.errLines();
    assertEquals(3, lines.size(), r.toString());
    assertEquals("llamakit engine: Unmatched argument at index 1: 'generat'", lines.get(0));
    assertTrue(lines.get(1).startsWith("Did you mean: generate"), r.toString());
    assertEquals("Try 'llamakit engine --help' for more information.", lines.get(2));
  }

  @Test
  void aFailureIsDescribedInOneLine() {
    assertEquals("/m/x.gguf: no such file", ErrorHandler.describe(new java.io.UncheckedIOException("cannot load",
        new java.nio.file.NoSuchFileException("/m/x.gguf"))), "a missing file, whoever wrapped it");
    assertEquals("OutOfMemoryError: Java heap space", ErrorHandler.describe(new OutOfMemoryError("Java heap space")));
    assertEquals("StackOverflowError", ErrorHandler.describe(new StackOverflowError()));
    assertEquals("Unexpected character ('x') at [Source: line 1, column 2]",
        ErrorHandler.describe(new IllegalStateException("Unexpected character ('x')\n at [Source: line 1, column 2]")));
  }

  /** One in-process run of {@link Main#run} with stdout and stderr captured. */
  private record Run(List<String> args, int code, String out, String err) {
    static synchronized Run of(List<String> args) {
      PrintStream out = System.out;
      PrintStream err = System.err;
      ByteArrayOutputStream o = new ByteArrayOutputStream();
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      int code;
      try {
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        code = Main.run(args.toArray(String[]::new));
      } finally {
        System.setOut(out);
        System.setErr(err);
      }
      return new Run(args, code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    List<String> errLines() {
      return err.strip().lines().toList();
    }

    @Override
    public String toString() {
      return "llamakit " + String.join(" ", args) + " -> exit " + code + "\n--- stderr\n" + err + "--- stdout\n" + out;
    }
  }
}
