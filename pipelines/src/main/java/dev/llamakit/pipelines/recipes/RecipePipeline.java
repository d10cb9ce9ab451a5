package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.ApplyFilters;
import dev.llamakit.pipelines.beam.DedupLines;
import dev.llamakit.pipelines.beam.ReadCorpus;
import dev.llamakit.pipelines.beam.Routes;
import dev.llamakit.pipelines.beam.WriteDrops;
import dev.llamakit.pipelines.beam.WriteShards;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PDone;

/**
 * Any compiled recipe as one Beam composite: read, then each stage in order (fused rules as one
 * {@link ApplyFilters} step, line dedup as its shuffle), write the kept documents, and write every drop to the
 * exclusion files — so every record read is written or counted under a named reason.
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
    PCollectionTuple read = begin.apply("ReadCorpus", ReadCorpus.from(recipe.inputs(), recipe.read()));
    PCollection<Document> docs = read.get(Routes.DOCS);
    PCollectionList<Drop> drops = PCollectionList.of(read.get(Routes.DROPS));
    int n = 0;
    for (CompiledRecipe.Stage stage : recipe.stages()) {
      n++;
      PCollectionTuple out = switch (stage) {
        case CompiledRecipe.Filters f -> docs.apply("Filter" + n + "[" + f.label() + "]", ApplyFilters.with(f.chain()));
        case CompiledRecipe.DedupLines d -> docs.apply("DedupLines" + n,
            DedupLines.withPolicy(d.policy(), d.minLength()));
      };
      docs = out.get(Routes.DOCS);
      drops = drops.and(out.get(Routes.DROPS));
    }
    docs.apply("WriteShards", WriteShards.to(outputDir, recipe.shards(), recipe.layout()));
    drops.apply("CollectDrops", Flatten.pCollections())
        .apply("WriteDrops", WriteDrops.to(outputDir + "/_dropped"));
    return PDone.in(begin.getPipeline());
  }
}
