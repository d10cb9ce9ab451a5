package dev.llamakit.pipelines.filters.safety;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.safety.batch.SafetyTagger;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * Scores documents with llamakit's embedded moderation classifier (safety module): {@code safety_score} is the
 * highest unsafe probability over the document's windows, {@code safety_category} the Llama Guard 3 code of the top
 * category. With a {@code threshold}, documents scoring at least that are dropped as {@code UNSAFE_CONTENT}.
 *
 * <p>The classifier's harmful examples are all English, so a score on another language would only say "no English
 * harm found": only documents whose language is in {@code languages} are scored; others pass through untagged.
 */
public final class SafetyFilter implements DocumentFilter {
  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** Drop documents scoring at least this; absent: tag only. */
    public Double threshold;
    /** Languages the classifier was trained on; documents in others are not scored. */
    public List<String> languages = List.of("en");
  }

  private final double threshold;
  private final Set<String> languages;
  private transient SafetyTagger tagger;

  public SafetyFilter(Params p) {
    if (p.threshold != null && (p.threshold < 0 || p.threshold > 1)) {
      throw new IllegalArgumentException("threshold must be between 0 and 1, got " + p.threshold);
    }
    this.threshold = p.threshold == null ? Double.NaN : p.threshold;
    this.languages = Set.copyOf(p.languages);
  }

  @Override
  public void open() {
    tagger = SafetyTagger.shared();
  }

  @Override
  public Verdict apply(Document d) {
    if (d.language() != null && !languages.contains(d.language().label())) {
      return Verdict.keep();
    }
    SafetyTagger.Tags t = tagger.tag(d.rawContent());
    double score = t.maxUnsafe();
    if (!Double.isNaN(threshold) && score >= threshold) {
      return Verdict.drop(DropReason.UNSAFE_CONTENT,
          String.format("safety score %.3f >= %.3f (%s)", score, threshold, t.topCategory()));
    }
    return Verdict.keep(d.withSafety(new Document.Safety(score, t.topCategory())));
  }
}
