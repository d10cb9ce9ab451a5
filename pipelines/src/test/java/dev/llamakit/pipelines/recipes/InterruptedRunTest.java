package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.sample.CorpusGenerator;
import dev.llamakit.pipelines.sample.LanguagePool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (or a plain {@code kill}) in the middle of a run: the real thing, a second JVM running a recipe that is
 * stopped with SIGTERM while its staging folder is being written. Nothing may survive the run: no staging folder, no
 * output folder.
 */
class InterruptedRunTest {
  @TempDir Path tmp;

  /** The child: runs the ccnet preset (DirectRunner) on args[0] into args[1]. */
  public static void main(String[] args) throws Exception {
    Recipe r = Recipes.parse("""
        name: interrupted
        description: line dedup and C4's rules on a generated corpus, long enough to be stopped
        steps:
          - read: {}
          - length: {min_length: 300}
          - dedup_lines: {policy: remove-all}
          - c4_lines: {}
          - gopher_repetition: {}
          - write: {}
        """, "test");
    CompiledRecipe c = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(args[0]), 1);
    new RecipeJob(c, Runner.DIRECT, 1, null, List.of()).run(Path.of(args[1]), false, System.err);
  }

  @Test
  void sigtermMidRunLeavesNoStagingFolder() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    new CorpusGenerator(LanguagePool.all(), 42).write(in, "c", new CorpusGenerator.Shape(12_000, 4, 4_000, 50));
    Path out = tmp.resolve("out");
    List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
    cmd.addAll(List.of("--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), InterruptedRunTest.class.getName(), in.toString(), out.toString()));
    Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(tmp.resolve("child.log").toFile()).start();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (stagingFolders().isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(child.isAlive(), "the run ended before it could be interrupted: " + Files.readString(tmp.resolve("child.log")));
      assertFalse(stagingFolders().isEmpty(), "the run made its staging folder");
      Thread.sleep(1_500);
      child.destroy();
      assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits on SIGTERM");
    } finally {
      child.destroyForcibly();
    }
    assertTrue(stagingFolders().isEmpty(), "staging folders left: " + stagingFolders());
    assertFalse(Files.exists(out));
  }

  private List<Path> stagingFolders() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      return s.filter(p -> p.getFileName().toString().contains(".staging-")).toList();
    }
  }
}
