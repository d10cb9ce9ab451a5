package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.ApplyFilters;
import dev.llamakit.pipelines.beam.Item;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.beam.Routes;
import dev.llamakit.pipelines.beam.WriteDrops;
import dev.llamakit.pipelines.beam.WriteShards;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * Any compiled recipe as one Beam composite: read, then each stage in order (fused rules as one
 * {@link ApplyFilters} step, each corpus step — line dedup, near-dedup... — as its own shuffle) on one stream of
 * {@link Item}s in which a dropped document
 * travels on as its drop, then write the kept documents and write every drop to the exclusion files — so every record
 * read is written or counted under a named reason, and the runner can fuse all steps between two shuffles.
 *
 * <pre>{@code
 * CompiledRecipe r = new RecipeCompiler().compile(Recipes.preset("ccnet"), Inputs.of("crawl/"), 2);
 * Pipeline p = Pipeline.create(options);
 * p.apply("ccnet", RecipePipeline.of(r, "out/ccnet"));
 * p.run().waitUntilFinish();
 * }</pre>
 */
public final class RecipePipeline extends PTransform<PBegin, PDone> {
  private final CompiledRecipe recipe;
  private final String outputDir;

  private RecipePipeline(CompiledRecipe recipe, String outputDir) {
    this.recipe = recipe;
    this.outputDir = outputDir;
  }

  public static RecipePipeline of(CompiledRecipe recipe, String outputDir) {
    return new RecipePipeline(recipe, outputDir);
  }

  @Override
  public PDone expand(PBegin begin) {
    PCollection<Item> items = begin.apply("ReadCorpus", ReadCorpus.from(recipe.inputs(), recipe.read()));
    int n = 0;
    for (CompiledRecipe.Stage stage : recipe.stages()) {
      n++;
      items = switch (stage) {
        case CompiledRecipe.Filters f -> items.apply("Filter" + n + "[" + f.label() + "]", ApplyFilters.with(f.chain()));
        case CompiledRecipe.Corpus c -> items.apply("Corpus" + n + "[" + c.name() + "]", c.step().transform());
      };
    }
    PCollectionTuple routed = items.apply("Route", Routes.split());
    routed.get(Routes.DOCS).apply("WriteShards", WriteShards.to(outputDir, recipe.shards(), recipe.layout()));
    int dropFiles = recipe.shards() == WriteShards.PER_WRITER ? WriteShards.PER_WRITER : 1;
    routed.get(Routes.DROPS).apply("WriteDrops", WriteDrops.to(outputDir + "/_dropped", dropFiles));
    return PDone.in(begin.getPipeline());
  }
}
