package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.beam.OutputLayout;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * cc_net's {@code PerplexityBucket}: {@code bucket} = {@code head} when the document's {@code perplexity} is below
 * the language's {@code head_percentile} (30) cutoff, {@code middle} when below the {@code tail_percentile} (60)
 * cutoff, else {@code tail}; {@code all} when the document has no perplexity (no model for its language) or its
 * language is not in the cutoff table. Never drops unless {@code keep} names the buckets to keep (LLaMA kept
 * {@code head} and {@code middle}); the others are then dropped as {@code BUCKET_NOT_KEPT}.
 */
public final class BucketFilter implements DocumentFilter {
  /** Why a document whose bucket is not in {@code keep} left the pipeline. */
  public static final DropReason BUCKET_NOT_KEPT = DropReason.of("BUCKET_NOT_KEPT");
  public static final List<String> BUCKETS = List.of("head", "middle", "tail", "all");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** {@code ccnet} (cc_net's table, for cc_net's own models) or a cutoff.csv file. */
    public String cutoffs = Cutoffs.CCNET;
    /** Percentile below which a document is {@code head}. */
    public int headPercentile = 30;
    /** Percentile below which a document is {@code middle}; at or above it, {@code tail}. */
    public int tailPercentile = 60;
    /** Buckets to keep (empty: all, nothing dropped). */
    public List<String> keep = new ArrayList<>();
  }

  private final Cutoffs cutoffs;
  private final int head;
  private final int tail;
  private final Set<String> keep;

  public BucketFilter(Params p) {
    if (p.headPercentile < 0 || p.tailPercentile > 100 || p.headPercentile > p.tailPercentile) {
      throw new IllegalArgumentException("need 0 <= head_percentile <= tail_percentile <= 100, got "
          + p.headPercentile + " and " + p.tailPercentile);
    }
    for (String b : p.keep) {
      if (!BUCKETS.contains(b)) {
        throw new IllegalArgumentException("keep: unknown bucket '" + b + "'; buckets: " + BUCKETS);
      }
    }
    try {
      this.cutoffs = Cutoffs.load(p.cutoffs);
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
    if (p.tailPercentile > cutoffs.maxPercentile()) {
      throw new IllegalArgumentException("tail_percentile " + p.tailPercentile + " is beyond the last row ("
          + cutoffs.maxPercentile() + ") of " + cutoffs.origin());
    }
    this.head = p.headPercentile;
    this.tail = p.tailPercentile;
    this.keep = Set.copyOf(p.keep);
  }

  /** The bucket of a perplexity in a language (NaN perplexity: {@code all}). */
  public String bucket(String language, double perplexity) {
    double h = language == null ? Double.NaN : cutoffs.at(language, head);
    if (Double.isNaN(perplexity) || perplexity < 0 || Double.isNaN(h)) {
      return "all";
    }
    if (perplexity < h) {
      return "head";
    }
    return perplexity < cutoffs.at(language, tail) ? "middle" : "tail";
  }

  @Override
  public Verdict apply(Document d) {
    String lang = d.language() == null ? null : d.language().label();
    String b = bucket(lang, d.signals().number(PerplexityFilter.FIELD));
    if (!keep.isEmpty() && !keep.contains(b)) {
      return Verdict.drop(BUCKET_NOT_KEPT, lang + "_" + b + " (perplexity " + d.signals().get(PerplexityFilter.FIELD)
          + ")");
    }
    return Verdict.keep(d.withSignal(OutputLayout.BUCKET_SIGNAL, b));
  }
}
