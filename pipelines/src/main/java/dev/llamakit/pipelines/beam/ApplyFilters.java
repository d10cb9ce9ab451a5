package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.filters.FilterChain;
import java.io.IOException;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The one Beam step of the filter layer: applies a {@link FilterChain} to every document of the {@link Item} stream,
 * passing kept documents on and replacing the others by their drop, counting each drop once under its reason and
 * each signals-only verdict under {@code would_drop.<REASON>}. Consecutive rules of a recipe run fused in one such
 * step.
 */
public final class ApplyFilters extends PTransform<PCollection<Item>, PCollection<Item>> {
  private final FilterChain chain;

  private ApplyFilters(FilterChain chain) {
    this.chain = chain;
  }

  public static ApplyFilters with(FilterChain chain) {
    return new ApplyFilters(chain);
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    return items.apply("Apply", ParDo.of(new ChainFn(chain))).setCoder(Coders.ItemCoder.of());
  }

  static final class ChainFn extends DocumentStep {
    private final FilterChain chain;

    ChainFn(FilterChain chain) {
      this.chain = chain;
    }

    @Setup
    public void setup() throws IOException {
      chain.open();
    }

    @Override
    void process(Document d, OutputReceiver<Item> out) {
      FilterChain.Outcome o = chain.apply(d);
      for (DropReason r : o.wouldDrop()) {
        Metrics.counter(MetricNames.NAMESPACE, MetricNames.wouldDrop(r.name())).inc();
      }
      out.output(o.drop() != null ? Routes.drop(o.drop()) : Item.of(o.kept()));
    }

    @Teardown
    public void teardown() {
      chain.close();
    }
  }
}
