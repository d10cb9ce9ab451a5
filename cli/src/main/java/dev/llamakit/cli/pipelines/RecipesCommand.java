package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.ParamsBinder;
import dev.llamakit.pipelines.io.CorpusFormats;
import dev.llamakit.pipelines.beam.CorpusStep;
import dev.llamakit.pipelines.filters.StepTable;
import dev.llamakit.pipelines.recipes.CorpusSteps;
import dev.llamakit.pipelines.recipes.ReadStep;
import dev.llamakit.pipelines.recipes.Recipe;
import dev.llamakit.pipelines.recipes.RecipeCompiler;
import dev.llamakit.pipelines.recipes.RecipeStep;
import dev.llamakit.pipelines.recipes.Recipes;
import dev.llamakit.pipelines.recipes.WriteStep;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code llamakit pipeline recipes [NAME]} and {@code llamakit pipeline steps}: what a recipe can say. */
public final class RecipesCommand {
  private RecipesCommand() {}

  /** Lists the presets, or prints one recipe's steps. */
  @Command(name = "recipes", mixinStandardHelpOptions = true,
      description = "List the preset recipes, or show the steps of one (a preset name or a recipe file).")
  public static final class List implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "RECIPE") String name;

    @Override
    public Integer call() throws Exception {
      if (name == null) {
        for (String p : Recipes.presets()) {
          Recipe r = Recipes.preset(p);
          System.out.printf("%-10s %s%n", p, String.join(" > ", r.stepNames()));
        }
        return 0;
      }
      Recipe r = Recipes.resolve(name);
      System.out.println("name: " + r.name());
      System.out.println("description: " + r.description());
      System.out.println("steps:");
      for (RecipeStep s : r.steps()) {
        System.out.println("  - " + s.name() + ": " + s.params());
      }
      return 0;
    }
  }

  /** Lists every step a recipe can use with its parameters and their defaults. */
  @Command(name = "steps", mixinStandardHelpOptions = true,
      description = "List every step a recipe can name, with its parameters and their defaults.")
  public static final class Steps implements Callable<Integer> {
    @Override
    public Integer call() {
      print("read", ParamsBinder.defaults(ReadStep.Params.class));
      CorpusFormats formats = CorpusFormats.standard();
      for (String n : formats.names()) {
        print("  read.format: " + n + ", format_params", formats.defaults(n));
      }
      StepTable<CorpusStep> corpus = CorpusSteps.standard();
      for (String n : corpus.names()) {
        print(n, corpus.defaults(n));
      }
      FilterRegistry reg = FilterRegistry.standard();
      for (String n : reg.names()) {
        print(n, reg.defaults(n));
      }
      print("write", ParamsBinder.defaults(WriteStep.Params.class));
      System.out.println();
      System.out.println("Every rule step also takes " + RecipeCompiler.SIGNALS + ": true (write the values it "
          + "measures) and " + RecipeCompiler.SIGNALS_ONLY + ": true (never drop; record the reason in would_drop).");
      return 0;
    }

    private static void print(String step, Map<String, Object> defaults) {
      System.out.println(step + ": " + defaults);
    }
  }
}
