package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.beam.OutputLayout;
import dev.llamakit.pipelines.beam.CorpusStep;
import dev.llamakit.pipelines.filters.FilterChain;
import dev.llamakit.pipelines.io.ReadOptions;
import java.io.Serializable;
import java.util.List;

/**
 * A recipe ready to run: its inputs and read options, its stages (runs of fused rules, and the corpus steps
 * — shuffles — between them) and how to write. Built by {@link RecipeCompiler}; every parameter has been checked.
 *
 * @param recipe the recipe as written (for the report)
 * @param inputs the resolved input files
 * @param read how records are parsed
 * @param stages what runs between read and write, in order
 * @param layout output folders
 * @param shards shards per output folder; {@link dev.llamakit.pipelines.beam.WriteShards#PER_WRITER} (0): one per
 *     worker, written without a shuffle
 */
public record CompiledRecipe(Recipe recipe, List<InputFile> inputs, ReadOptions read, List<Stage> stages,
    OutputLayout layout, int shards) implements Serializable {

  public CompiledRecipe {
    inputs = List.copyOf(inputs);
    stages = List.copyOf(stages);
  }

  /** The same recipe with a fixed number of shards per output folder. */
  public CompiledRecipe withShards(int fixed) {
    return new CompiledRecipe(recipe, inputs, read, stages, layout, fixed);
  }

  /** What runs between read and write. */
  public sealed interface Stage extends Serializable permits Filters, Corpus {}

  /**
   * Consecutive rules fused into one Beam step.
   *
   * @param label the step names joined by {@code +}, e.g. {@code language+perplexity+bucket}
   */
  public record Filters(String label, FilterChain chain) implements Stage {}

  /**
   * A step over the whole corpus (a shuffle): line dedup, near-dedup, decontamination...
   *
   * @param name the step name in the recipe
   */
  public record Corpus(String name, CorpusStep step) implements Stage {}
}
