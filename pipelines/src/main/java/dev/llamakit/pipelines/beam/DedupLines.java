package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.LineDedup;
import dev.llamakit.pipelines.dedup.LineOwners;
import dev.llamakit.pipelines.dedup.OccurrenceTable;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.text.LineHasher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Steps 3–4: hashes every line the cc_net way, finds over the whole input which lines occur in two or more
 * documents, and removes them per {@link DedupPolicy} — partitioned, so no worker ever holds more than its share.
 *
 * <p>Three shuffles, each keyed so that what one worker holds at a time is bounded by one key's group, streamed once:
 * <ol>
 *   <li>every document emits one (line hash, document ordinal) pair per distinct line; grouped by hash, the hash's
 *       owner sees the documents that contain it once, in any order, and {@link LineOwners} emits (ordinal, hash) for
 *       each document that loses the line — two numbers of state, however common the line;
 *   <li>documents keyed by ordinal meet the hashes they lose ({@code CoGroupByKey}: one document and at most its own
 *       lines per key) and {@link LineDedup} rewrites them;
 *   <li>drops never enter the shuffles and rejoin the stream after it.
 * </ol>
 * No index of duplicated lines exists anywhere: on Flink, groups stream from its sorter (managed memory, spilling to
 * disk), so a worker's heap holds one document and one group's iterator whatever the corpus size. The cost is that
 * documents cross a shuffle (with their line hashes) and every distinct line is a record; a hot line (boilerplate in
 * millions of documents) is a long group on one worker — time, not memory.
 *
 * <p>Metrics: {@code dedup.lines_in}, {@code dedup.lines_removed}, {@code dedup.chars_removed}; drops {@code EMPTY_AFTER_DEDUP}, {@code TOO_SHORT_AFTER_DEDUP}.
 */
public final class DedupLines extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  private static final TupleTag<Item> DOCUMENT = new TupleTag<>() {};
  private static final TupleTag<Long> LOSES = new TupleTag<>() {};

  private final DedupPolicy policy;
  private final int minLength;

  /** The {@code dedup_lines} step's parameters. */
  public static final class Params implements Serializable {
    /** remove-all (cc_net: every copy of a repeated line goes) or keep-first (C4: the first document keeps it). */
    public String policy = "remove-all";
    /** Documents shorter than this after dedup are dropped (cc_net: 300). */
    public int minLength = 300;
  }

  /** The recipe step {@code dedup_lines}. */
  public DedupLines(Params p) {
    this(DedupPolicy.parse(p.policy), p.minLength);
  }

  private DedupLines(DedupPolicy policy, int minLength) {
    this.policy = policy;
    this.minLength = minLength;
  }

  public static DedupLines withPolicy(DedupPolicy policy, int minLength) {
    return new DedupLines(policy, minLength);
  }

  @Override
  public PTransform<PCollection<Item>, PCollection<Item>> transform() {
    return this;
  }

  @Override
  public List<Item> inMemory(List<Document> documents) {
    LineHasher hasher = new LineHasher();
    OccurrenceTable occ = new OccurrenceTable(documents.size() * 8);
    List<Document> hashed = new ArrayList<>(documents.size());
    for (Document d : documents) {
      Document h = d.withLineHashes(hasher.hashLines(LineHasher.splitLines(d.rawContent())));
      hashed.add(h);
      for (long x : LineDedup.distinctHashes(h.lineHashes())) {
        occ.add(x, h.ordinal());
      }
    }
    DuplicateLines dups = occ.duplicates();
    LineDedup dedup = new LineDedup(policy, minLength);
    List<Item> out = new ArrayList<>(hashed.size());
    for (Document d : hashed) {
      out.add(item(d, dedup.apply(d, dups)));
    }
    return out;
  }

  private static Item item(Document d, LineDedup.Outcome o) {
    return o.kept() != null ? Item.of(o.kept()) : Routes.drop(new Drop(d.id(), d.url(), o.dropped(),
        o.linesRemoved() + " of " + d.lineHashes().length + " lines were duplicates"));
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    PCollection<Item> hashed = items.apply("HashLines", ParDo.of(new HashLinesFn())).setCoder(Coders.ItemCoder.of());
    PCollection<Item> drops = hashed.apply("Drops", Filter.by(Item::isDrop)).setCoder(Coders.ItemCoder.of());
    PCollection<KV<Long, Long>> loses = hashed
        .apply("LineOccurrences", ParDo.of(new OccurrencesFn()))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), VarLongCoder.of()))
        .apply("GroupByLine", GroupByKey.create())
        .apply("DecideOwners", ParDo.of(new DecideFn(policy)))
        .setCoder(KvCoder.of(VarLongCoder.of(), BigEndianLongCoder.of()));
    PCollection<KV<Long, Item>> documents = hashed.apply("KeyByOrdinal", ParDo.of(new KeyByOrdinalFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), Coders.ItemCoder.of()));
    PCollection<Item> deduped = KeyedPCollectionTuple.of(DOCUMENT, documents).and(LOSES, loses)
        .apply("JoinByDocument", CoGroupByKey.create())
        .apply("RemoveDuplicateLines", ParDo.of(new RemoveFn(policy, minLength)))
        .setCoder(Coders.ItemCoder.of());
    return PCollectionList.of(drops).and(deduped).apply("Rejoin", Flatten.pCollections());
  }

  /** Adds the cc_net hash of every {@code raw_content} line. */
  static final class HashLinesFn extends DocumentStep {
    private transient LineHasher hasher;

    @Setup
    public void setup() {
      hasher = new LineHasher();
    }

    @Override
    void process(Document d, OutputReceiver<Item> out) {
      out.output(Item.of(d.withLineHashes(hasher.hashLines(LineHasher.splitLines(d.rawContent())))));
    }
  }

  /** One (line hash, document ordinal) pair per distinct line of each document. */
  static final class OccurrencesFn extends DoFn<Item, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Long, Long>> out) {
      if (item.isDrop()) {
        return;
      }
      Document d = item.document();
      for (long h : LineDedup.distinctHashes(d.lineHashes())) {
        out.output(KV.of(h, d.ordinal()));
      }
    }
  }

  /** On a line's owner: which documents lose it, as (ordinal, hash). */
  static final class DecideFn extends DoFn<KV<Long, Iterable<Long>>, KV<Long, Long>> {
    private final DedupPolicy policy;

    DecideFn(DedupPolicy policy) {
      this.policy = policy;
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<Long>> line, OutputReceiver<KV<Long, Long>> out) {
      long hash = line.getKey();
      LineOwners.decide(policy, line.getValue().iterator(), loser -> out.output(KV.of(loser, hash)));
    }
  }

  /** Documents keyed by their input ordinal, for the join with what they lose. */
  static final class KeyByOrdinalFn extends DoFn<Item, KV<Long, Item>> {
    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Long, Item>> out) {
      if (!item.isDrop()) {
        out.output(KV.of(item.document().ordinal(), item));
      }
    }
  }

  /** Removes duplicated lines from each document. */
  static final class RemoveFn extends DoFn<KV<Long, CoGbkResult>, Item> {
    private final DedupPolicy policy;
    private final int minLength;
    private final Counter linesIn = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_LINES_IN);
    private final Counter linesRemoved = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_LINES_REMOVED);
    private final Counter charsRemoved = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_CHARS_REMOVED);
    private transient LineDedup dedup;

    RemoveFn(DedupPolicy policy, int minLength) {
      this.policy = policy;
      this.minLength = minLength;
    }

    @Setup
    public void setup() {
      dedup = new LineDedup(policy, minLength);
    }

    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> joined, OutputReceiver<Item> out) {
      Document d = joined.getValue().getOnly(DOCUMENT).document();
      Set<Long> lost = new HashSet<>();
      joined.getValue().getAll(LOSES).forEach(lost::add);
      LineDedup.Outcome o = dedup.apply(d, lost::contains);
      linesIn.inc(d.lineHashes().length);
      linesRemoved.inc(o.linesRemoved());
      charsRemoved.inc(o.charsRemoved());
      out.output(item(d, o));
    }
  }
}
