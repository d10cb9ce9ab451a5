package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;

/**
 * A recipe step that decides on a document only by looking at the whole corpus — line dedup, near-dedup, exact and
 * URL dedup, book overlap, decontamination — so it is a shuffle and ends a fused run of rules. Registered by name in
 * the recipes' corpus-step table like a rule: one class with a public nested {@code Params} and a public constructor
 * taking it, one line in {@code corpus-steps.properties}.
 *
 * <p>Two forms of the same decisions, both thin wrappers of one plain class in {@code dedup} (or the step's own
 * package): the Beam {@link #transform()} (drops pass through untouched; a removed document leaves as its drop), and
 * {@link #inMemory} for the benchmark's plain loop and for tests that check the two agree.
 */
public interface CorpusStep extends Serializable {
  /** The step on a stream of items. */
  PTransform<PCollection<Item>, PCollection<Item>> transform();

  /**
   * The same decisions on documents held in memory, in input order: one item per document, kept (possibly with
   * fields added) or its drop, in the same order.
   */
  List<Item> inMemory(List<Document> documents);
}
