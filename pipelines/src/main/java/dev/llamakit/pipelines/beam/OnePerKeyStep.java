package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * A corpus step that is one {@link KeepOnePerKey} under its own name: the document-level dedup steps
 * ({@link DedupExact}, {@link DedupUrls}) differ only in the key, the drop reason and the metrics they give it.
 */
abstract class OnePerKeyStep extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  private final KeepOnePerKey step;
  private final String stepName;

  OnePerKeyStep(KeepOnePerKey step, String stepName) {
    this.step = step;
    this.stepName = stepName;
  }

  @Override
  public PTransform<PCollection<Item>, PCollection<Item>> transform() {
    return this;
  }

  @Override
  public List<Item> inMemory(List<Document> documents) {
    return step.inMemory(documents);
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    return items.apply(stepName, step);
  }
}
