package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.filters.FilterChain;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * The one Beam step of the filter layer: applies a {@link FilterChain} to every document, routes kept documents to
 * {@link Routes#DOCS} and drops to {@link Routes#DROPS}, counting each drop once under its reason and each
 * signals-only verdict under {@code would_drop.<REASON>}. Consecutive rules of a recipe run fused in one such step.
 */
public final class ApplyFilters extends PTransform<PCollection<Document>, PCollectionTuple> {
  private final FilterChain chain;

  private ApplyFilters(FilterChain chain) {
    this.chain = chain;
  }

  public static ApplyFilters with(FilterChain chain) {
    return new ApplyFilters(chain);
  }

  @Override
  public PCollectionTuple expand(PCollection<Document> docs) {
    return DocumentStep.apply(docs, "Apply", new ChainFn(chain));
  }

  static final class ChainFn extends DoFn<Document, Document> {
    private final FilterChain chain;

    ChainFn(FilterChain chain) {
      this.chain = chain;
    }

    @Setup
    public void setup() throws IOException {
      chain.open();
    }

    @ProcessElement
    public void process(ProcessContext c) {
      FilterChain.Outcome o = chain.apply(c.element());
      for (DropReason r : o.wouldDrop()) {
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.wouldDrop(r.name())).inc();
      }
      if (o.drop() != null) {
        Routes.drop(c, o.drop());
      } else {
        c.output(o.kept());
      }
    }

    @Teardown
    public void teardown() {
      chain.close();
    }
  }
}
