package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.safety.batch.SafetyTagger;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Optional step: scores every document with llamakit's embedded moderation classifier (the default safety shield,
 * no Llama Guard weights needed) and adds {@code safety_score} (the highest unsafe probability over the document's
 * windows) and {@code safety_category} (its Llama Guard 3 code). With a filter threshold, documents scoring at or
 * above it are dropped as {@code UNSAFE_CONTENT} — the way Llama 2 measured toxicity in its pretraining data, with
 * the choice to act on it.
 *
 * <p>The classifier's harmful examples are all English (its benign side includes FLORES-200 in 66 languages), so a
 * score on another language would only say "no English harm found" — a false sense of safety. Only documents whose
 * language label is in {@link #SCORED_LANGUAGES} are scored; the others pass through untagged and are counted
 * ({@code safety.not_scored_language}).
 *
 * <p>Metrics: {@code safety.tagged}, the distribution {@code safety.score_x1000}, and a ten-bin histogram
 * {@code safety.bin.N} (N = floor(score × 10)).
 */
public final class TagSafety extends PTransform<PCollection<Document>, PCollectionTuple> {
  /** Languages the embedded classifier was trained on. */
  public static final java.util.Set<String> SCORED_LANGUAGES = java.util.Set.of("en");

  private final double filterThreshold;

  private TagSafety(double filterThreshold) {
    this.filterThreshold = filterThreshold;
  }

  /** Tags only. */
  public static TagSafety tagOnly() {
    return new TagSafety(Double.NaN);
  }

  /** Tags, and drops documents whose score is at least {@code threshold}. */
  public static TagSafety filteringAt(double threshold) {
    return new TagSafety(threshold);
  }

  @Override
  public PCollectionTuple expand(PCollection<Document> docs) {
    return DocumentStep.apply(docs, "ScoreSafety", new TagFn(filterThreshold));
  }

  static final class TagFn extends DoFn<Document, Document> {
    private final double threshold;
    private transient SafetyTagger tagger;

    TagFn(double threshold) {
      this.threshold = threshold;
    }

    @Setup
    public void setup() {
      tagger = SafetyTagger.shared();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Document d = c.element();
      if (d.language() != null && !SCORED_LANGUAGES.contains(d.language().label())) {
        Metrics.counter(Routes.NAMESPACE, "safety.not_scored_language").inc();
        c.output(d);
        return;
      }
      SafetyTagger.Tags t = tagger.tag(d.rawContent());
      double score = t.maxUnsafe();
      Metrics.counter(Routes.NAMESPACE, "safety.tagged").inc();
      Metrics.distribution(Routes.NAMESPACE, "safety.score_x1000").update(Math.round(score * 1000));
      Metrics.counter(Routes.NAMESPACE, "safety.bin." + Math.min(9, (int) Math.floor(score * 10))).inc();
      if (!Double.isNaN(threshold) && score >= threshold) {
        Routes.drop(c, new Drop(d.id(), d.url(), DropReason.UNSAFE_CONTENT,
            String.format("safety score %.3f >= %.3f (%s)", score, threshold, t.topCategory())));
      } else {
        c.output(d.withSafety(new Document.Safety(score, t.topCategory())));
      }
    }
  }
}
