package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.recipes.CompiledRecipe;
import dev.llamakit.pipelines.recipes.Recipe;
import dev.llamakit.pipelines.recipes.RecipeCompiler;
import dev.llamakit.pipelines.recipes.RecipeJob;
import dev.llamakit.pipelines.recipes.Recipes;
import dev.llamakit.pipelines.recipes.Runner;
import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.sample.CorpusGenerator;
import dev.llamakit.pipelines.sample.SourceFileGenerator;
import dev.llamakit.pipelines.sample.LanguagePool;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit bench pipeline}: a recipe's throughput on the embedded runner and in a plain loop. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = {"Generate a deterministic multilingual corpus, run a recipe (default: ccnet) on the embedded runner",
      "and the same steps in a plain single-threaded loop, and print documents/s and MB/s per core, the runner's",
      "overhead ratio, and peak heap. A recipe reading format github (--recipe github) gets generated source files."})
public final class PipelineBenchCommand implements Callable<Integer> {
  @Option(names = "--documents", defaultValue = "200000") int documents;

  @Option(names = "--chars", defaultValue = "4000", description = "Target characters per document.") int chars;

  @Option(names = "--files", defaultValue = "16", description = "Input files (parallelism comes from files).") int files;

  @Option(names = "--runner", defaultValue = "flink") String runner;

  @Option(names = "--parallelism") int parallelism = Runtime.getRuntime().availableProcessors();

  @Option(names = "--work-dir", description = "Where the corpus and outputs go (default: a temporary folder).")
  Path workDir;

  @Option(names = "--recipe", defaultValue = "ccnet", description = "A preset name or recipe file (default: ${DEFAULT-VALUE}).")
  String recipeName;

  @Option(names = "--set", paramLabel = "STEP.PARAM=VALUE", description = "Override a recipe parameter (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--input", paramLabel = "PATH", description = {"Run on these files, folders or globs instead of a "
      + "generated corpus (repeatable): a source's own fixtures (books, LaTeX, Wikipedia dumps)."})
  List<String> inputs = new ArrayList<>();

  @Option(names = "--skip-loop", description = "Do not run the plain-loop baseline.") boolean skipLoop;

  @Option(names = "--skip-runner", description = "Run only the plain-loop baseline.") boolean skipRunner;

  @Override
  public Integer call() throws Exception {
    Path dir = workDir != null ? workDir : Files.createTempDirectory("llamakit-bench");
    Recipe recipe = Recipes.resolve(recipeName);
    for (String o : overrides) {
      recipe = Recipes.override(recipe, o);
    }
    CompiledRecipe cfg;
    long bytes = 0;
    if (inputs.isEmpty()) {
      // a recipe that reads source files (format github) gets generated source files, any other one web pages
      boolean sourceFiles = recipe.step("read") != null
          && "github".equals(recipe.step("read").params().get("format"));
      Path corpus = dir.resolve(sourceFiles ? "corpus-github" : "corpus");
      System.err.printf("generating %,d %s of ~%,d characters in %d files...%n", documents,
          sourceFiles ? "source files" : "documents", chars, files);
      List<Path> paths = Files.isDirectory(corpus) ? listed(corpus)
          : sourceFiles ? new SourceFileGenerator(42).write(corpus, "bench", documents, files, chars)
          : new CorpusGenerator(LanguagePool.all(), 42).write(corpus, "bench",
              new CorpusGenerator.Shape(documents, files, chars, Math.max(10, documents / 500)));
      for (Path p : paths) {
        bytes += Files.size(p);
      }
      cfg = new RecipeCompiler().compile(recipe, RecipeCompiler.Inputs.of(corpus.toString()), parallelism);
      System.out.printf("corpus: %,d %s, %.1f MB gzip, %d files%n", documents, sourceFiles ? "source files"
          : "documents", bytes / 1e6, paths.size());
    } else {
      cfg = new RecipeCompiler().compile(recipe, RecipeCompiler.Inputs.of(inputs.toArray(String[]::new)), parallelism);
      for (var f : cfg.inputs()) {
        bytes += Files.size(Path.of(f.path()));
      }
      System.out.printf("input: %d files, %.1f MB as stored%n", cfg.inputs().size(), bytes / 1e6);
    }
    System.out.printf("recipe: %s (%s)%n", recipe.name(), String.join(" > ", recipe.stepNames()));
    double runnerPerCore = Double.NaN;
    long runnerWritten = -1;
    if (!skipRunner) {
      resetPeaks();
      long cpu0 = processCpuNanos();
      RunReport r = new RecipeJob(cfg, Runner.parse(runner), parallelism, null, List.of())
          .run(dir.resolve("out-runner"), true, System.err);
      double secs = r.wallSeconds();
      long heapRunner = peakHeap();
      double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
      runnerPerCore = r.read() / secs / parallelism;
      runnerWritten = r.written();
      System.out.printf("runner %-6s: %.1f s, %,.0f documents/s (%,.0f per core), %.2f MB/s per core, peak heap %,d MB%n",
          runner, secs, r.read() / secs, runnerPerCore, bytes / 1e6 / secs / parallelism, heapRunner >> 20);
      System.out.printf("runner %-6s: %.1f CPU-seconds (all threads of this process), %,.0f documents per CPU-second%n",
          runner, cpuSecs, r.read() / cpuSecs);
    }
    if (!skipLoop) {
      resetPeaks();
      long cpu0 = processCpuNanos();
      PlainLoop.Result loop = PlainLoop.run(cfg, dir.resolve("out-loop"));
      long heapLoop = peakHeap();
      double loopRate = loop.read() / loop.seconds();
      double cpuSecs = (processCpuNanos() - cpu0) / 1e9;
      System.out.printf("plain loop (1 thread): %.1f s, %,.0f documents/s, %.2f MB/s, peak heap %,d MB%n",
          loop.seconds(), loopRate, bytes / 1e6 / loop.seconds(), heapLoop >> 20);
      System.out.printf("plain loop (1 thread): %.1f CPU-seconds (all threads), %,.0f documents per CPU-second%n",
          cpuSecs, loop.read() / cpuSecs);
      if (!skipRunner) {
        System.out.printf("runner overhead: the loop is %.2fx the runner's per-core throughput (target <= 2x); "
            + "written %,d (runner) vs %,d (loop)%n", loopRate / runnerPerCore, runnerWritten, loop.written());
      }
    }
    return 0;
  }

  private static List<Path> listed(Path dir) throws java.io.IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".gz")).sorted().toList();
    }
  }

  /**
   * CPU time of every thread of this JVM (JIT and GC included): on a shared machine, documents per CPU-second is the
   * figure other processes disturb least; on a quiet pinned core it approaches documents/s.
   */
  private static long processCpuNanos() {
    return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      p.resetPeakUsage();
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
