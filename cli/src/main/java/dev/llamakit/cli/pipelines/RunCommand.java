package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.recipes.Recipes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code llamakit pipeline run RECIPE}: any recipe — a shipped preset or a YAML/JSON file. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a corpus recipe: a preset name (see `llamakit pipeline recipes`) or a YAML/JSON recipe file",
      "naming its steps and their parameters (see `llamakit pipeline steps`)."},
    footer = {"", "Examples:",
      "  llamakit pipeline run ccnet --sample",
      "  llamakit pipeline run my-recipe.yaml crawl/ --output out/mine",
      "  llamakit pipeline run ccnet crawl/ -o out --set language.languages=[en] --set write.shards=8"})
public final class RunCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "RECIPE", description = "A preset name or a recipe file.")
  String recipe;

  @Parameters(index = "1..*", arity = "0..*", paramLabel = "INPUT", description = JobOptions.INPUTS)
  List<String> inputs = new ArrayList<>();

  @Mixin JobOptions job;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return job.run(Recipes.resolve(recipe), inputs, spec.commandLine());
  }
}
