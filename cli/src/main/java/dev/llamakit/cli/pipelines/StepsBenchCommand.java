package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.bench.StepBenchmark;
import dev.llamakit.pipelines.recipes.CompiledRecipe;
import dev.llamakit.pipelines.recipes.Recipe;
import dev.llamakit.pipelines.recipes.RecipeCompiler;
import dev.llamakit.pipelines.recipes.Recipes;
import dev.llamakit.pipelines.sample.CorpusGenerator;
import dev.llamakit.pipelines.sample.LanguagePool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llamakit bench rules}: single-thread documents/s of each rule of a recipe. */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = {"Measure each rule of a recipe on one thread: documents/s on the documents that reach it (earlier",
      "rules applied without dropping). Inputs: WET/JSONL files, or a generated corpus of ~4 KB pages."},
    footer = {"", "Examples:",
      "  llamakit bench rules --recipe fineweb",
      "  llamakit bench rules --recipe llama-cc --set perplexity.models=lm_sp crawl/*.wet.gz"})
public final class StepsBenchCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Documents to measure on (default: generated).")
  List<String> inputs = new ArrayList<>();

  @Option(names = "--recipe", defaultValue = "llama-cc", description = "A preset or recipe file (default: ${DEFAULT-VALUE}).")
  String recipeName;

  @Option(names = "--set", paramLabel = "STEP.PARAM=VALUE", description = "Override a recipe parameter (repeatable).")
  List<String> overrides = new ArrayList<>();

  @Option(names = "--documents", defaultValue = "4000", description = "Generated documents (default: ${DEFAULT-VALUE}).")
  int documents;

  @Option(names = "--chars", defaultValue = "4000", description = "Characters per generated document.")
  int chars;

  @Option(names = "--passes", defaultValue = "5", description = "Timed passes after 3 warm-up passes.")
  int passes;

  @Override
  public Integer call() throws Exception {
    if (inputs.isEmpty()) {
      Path dir = Files.createTempDirectory("llamakit-bench-rules");
      new CorpusGenerator(LanguagePool.all(), 42).write(dir, "bench",
          new CorpusGenerator.Shape(documents, 2, chars, Math.max(10, documents / 500)));
      inputs.add(dir.toString());
    }
    Recipe r = Recipes.resolve(recipeName);
    for (String o : overrides) {
      r = Recipes.override(r, o);
    }
    CompiledRecipe c = new RecipeCompiler().compile(r, new RecipeCompiler.Inputs(inputs, null, null), 1);
    System.out.printf("recipe %s, one thread, %d warm-up + %d timed passes%n", r.name(), 3, passes);
    for (StepBenchmark.StepRate s : StepBenchmark.run(c, 3, passes)) {
      System.out.printf("  %-20s %,10.0f documents/s  (%,d documents, mean %,.0f characters)%n", s.step(),
          s.docsPerSecond(), s.documents(), s.meanChars());
    }
    return 0;
  }
}
