package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The last shuffle of a document-level dedup step: removal decisions, keyed by the removed document's {@code ordinal}
 * (its drop reason and detail), joined back to the documents by the same key. Each key holds one document and at most
 * one decision, so no key is hot and no worker holds more than the documents of its partition; drops already in the
 * stream bypass the shuffle. The in-memory form is {@link #inMemory}.
 */
final class ApplyDecisions {
  /** A decision: the drop reason's name and the detail. */
  static final Coder<KV<String, String>> DECISION = KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of());
  static final Coder<KV<Long, KV<String, String>>> KEYED_DECISION = KvCoder.of(VarLongCoder.of(), DECISION);

  private static final TupleTag<Item> DOCS = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> DECISIONS = new TupleTag<>() {};

  private ApplyDecisions() {}

  /** The stream with every document that has a decision replaced by its drop. */
  static PCollection<Item> apply(PCollection<Item> items, PCollection<KV<Long, KV<String, String>>> decisions) {
    PCollection<Item> drops = items.apply("PassDrops", Filter.by(Item::isDrop)).setCoder(Coders.ItemCoder.of());
    PCollection<KV<Long, Item>> docs = items.apply("KeyByOrdinal", ParDo.of(new KeyByOrdinalFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), Coders.ItemCoder.of()));
    PCollection<Item> decided = KeyedPCollectionTuple.of(DOCS, docs).and(DECISIONS, decisions)
        .apply("JoinByOrdinal", CoGroupByKey.create())
        .apply("Decide", ParDo.of(new DecideFn()))
        .setCoder(Coders.ItemCoder.of());
    return PCollectionList.of(drops).and(decided).apply("Merge", Flatten.pCollections())
        .setCoder(Coders.ItemCoder.of());
  }

  /** The in-memory form: one item per document in input order, dropped where a decision names its ordinal. */
  static List<Item> inMemory(List<Document> documents, Map<Long, KV<String, String>> decisions) {
    List<Item> out = new ArrayList<>(documents.size());
    for (Document d : documents) {
      KV<String, String> dec = decisions.get(d.ordinal());
      out.add(dec == null ? Item.of(d) : drop(d, dec));
    }
    return out;
  }

  private static Item drop(Document d, KV<String, String> decision) {
    return Item.dropped(new Drop(d.id(), d.url(), DropReason.of(decision.getKey()), decision.getValue()));
  }

  static final class KeyByOrdinalFn extends DoFn<Item, KV<Long, Item>> {
    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Long, Item>> out) {
      if (!item.isDrop()) {
        out.output(KV.of(item.document().ordinal(), item));
      }
    }
  }

  static final class DecideFn extends DoFn<KV<Long, CoGbkResult>, Item> {
    private static final Comparator<KV<String, String>> ORDER =
        Comparator.comparing((KV<String, String> k) -> k.getKey()).thenComparing(KV::getValue);

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> e, OutputReceiver<Item> out) {
      KV<String, String> decision = null;
      for (KV<String, String> d : e.getValue().getAll(DECISIONS)) {
        if (decision == null || ORDER.compare(d, decision) < 0) {
          decision = d;
        }
      }
      for (Item i : e.getValue().getAll(DOCS)) {
        out.output(decision == null ? i : Routes.counted(drop(i.document(), decision)));
      }
    }
  }
}
