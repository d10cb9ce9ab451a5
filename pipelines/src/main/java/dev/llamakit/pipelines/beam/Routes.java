package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DocumentCoder;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Where a recipe's {@link Item} stream ends: {@link #split()} routes the documents that made it to {@link #DOCS} and
 * the drops to {@link #DROPS}; and the one place that counts drops in Beam metrics ({@code llamakit/drop.<REASON>}),
 * so the report can prove read = written + dropped.
 */
public final class Routes {
  /** Namespace of every llamakit metric. */
  public static final String NAMESPACE = MetricNames.NAMESPACE;
  public static final TupleTag<Document> DOCS = new TupleTag<>() {};
  public static final TupleTag<Drop> DROPS = new TupleTag<>() {};

  private Routes() {}

  /**
   * A drop, counted under its reason: the only way a step's DoFn turns a document into a drop. (Outside a Beam
   * worker there are no metrics: the in-memory forms of the steps return {@link Item#dropped} and their caller counts.)
   */
  public static Item drop(Drop d) {
    Metrics.counter(NAMESPACE, d.reason().counter()).inc();
    return Item.dropped(d);
  }

  /** {@code item}, its drop counted as {@link #drop} counts one: for DoFns that share a rule with an in-memory form. */
  public static Item counted(Item item) {
    return item.isDrop() ? drop(item.drop()) : item;
  }

  /** Splits a stream into its documents ({@link #DOCS}) and its drops ({@link #DROPS}). */
  public static PTransform<PCollection<Item>, PCollectionTuple> split() {
    return new Split();
  }

  private static final class Split extends PTransform<PCollection<Item>, PCollectionTuple> {
    @Override
    public PCollectionTuple expand(PCollection<Item> items) {
      PCollectionTuple out = items.apply("Route", ParDo.of(new SplitFn())
          .withOutputTags(DOCS, TupleTagList.of(DROPS)));
      out.get(DOCS).setCoder(DocumentCoder.of());
      out.get(DROPS).setCoder(Coders.DropCoder.of());
      return out;
    }
  }

  static final class SplitFn extends DoFn<Item, Document> {
    @ProcessElement
    public void process(@Element Item item, MultiOutputReceiver out) {
      if (item.isDrop()) {
        out.get(DROPS).output(item.drop());
      } else {
        out.get(DOCS).output(item.document());
      }
    }
  }
}
