package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.CorpusStep;
import dev.llamakit.pipelines.filters.StepTable;

/**
 * The corpus steps a recipe can name (line dedup, near-dedup, exact/URL/book dedup, decontamination), read from the
 * resource table {@code corpus-steps.properties}: a new one is one {@link CorpusStep} class, its test and one line.
 */
public final class CorpusSteps {
  private static final StepTable<CorpusStep> TABLE =
      StepTable.load(CorpusSteps.class, "corpus-steps.properties", CorpusStep.class);

  private CorpusSteps() {}

  /** The table of every corpus step shipped with llamakit. */
  public static StepTable<CorpusStep> standard() {
    return TABLE;
  }
}
