package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The two outputs of every document step — documents that go on, and {@link Drop}s — and the one place that counts
 * drops in Beam metrics ({@code llamakit/drop.<REASON>}), so the report can prove read = written + dropped.
 */
public final class Routes {
  /** Namespace of every llamakit metric. */
  public static final String NAMESPACE = MetricNames.NAMESPACE;
  public static final TupleTag<Document> DOCS = new TupleTag<>() {};
  public static final TupleTag<Drop> DROPS = new TupleTag<>() {};

  private Routes() {}

  /** Emits a drop on the drop output and counts it under its reason. */
  public static void drop(DoFn<?, ?>.ProcessContext c, Drop d) {
    Metrics.counter(NAMESPACE, d.reason().counter()).inc();
    c.output(DROPS, d);
  }

  /** Emits a drop through a multi-output receiver and counts it under its reason. */
  public static void drop(DoFn.MultiOutputReceiver out, Drop d) {
    Metrics.counter(NAMESPACE, d.reason().counter()).inc();
    out.get(DROPS).output(d);
  }
}
