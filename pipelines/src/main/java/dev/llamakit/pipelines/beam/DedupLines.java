package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.LineDedup;
import dev.llamakit.pipelines.dedup.LineBucket;
import dev.llamakit.pipelines.dedup.OccurrenceTable;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.text.LineHasher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
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
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Steps 3–4: hashes every line the cc_net way, finds over the whole input which lines occur in two or more
 * documents, and removes them per {@link DedupPolicy} — partitioned, so no worker holds more than its share.
 *
 * <p>Two shuffles:
 * <ol>
 *   <li>every document's distinct line hashes go, as (hash, document ordinal) pairs, to one of {@code buckets} hash
 *       buckets, batched per bucket on the sending side (a few hundred pairs a record, so the shuffle sorts and
 *       encodes batches, not lines); each bucket's owner decides with {@link LineBucket} which documents lose which
 *       of its lines and emits (ordinal, lost hashes) once per such document;
 *   <li>documents keyed by ordinal meet the hashes they lose ({@code CoGroupByKey}: one document and at most one
 *       record per bucket with losses) and {@link LineDedup} rewrites them;
 *   <li>drops never enter the shuffles and rejoin the stream after it.
 * </ol>
 * A worker holds one bucket at a time: about 1/{@code buckets} of the input's distinct (line, document) pairs, 16
 * bytes each plus its counting table (raise {@code buckets} for larger inputs); a hot line (boilerplate in millions
 * of documents) is a big share of its bucket.
 *
 * <p>Metrics: {@code dedup.lines_in}, {@code dedup.lines_removed}, {@code dedup.chars_removed}; drops {@code EMPTY_AFTER_DEDUP}, {@code TOO_SHORT_AFTER_DEDUP}.
 */
public final class DedupLines extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  private static final TupleTag<Item> DOCUMENT = new TupleTag<>() {};
  private static final TupleTag<long[]> LOSES = new TupleTag<>() {};
  /** Pairs per batch a sender accumulates for one bucket before emitting it. */
  private static final int BATCH_PAIRS = 512;

  private final DedupPolicy policy;
  private final int minLength;
  private final int buckets;

  /** The {@code dedup_lines} step's parameters. */
  public static final class Params implements Serializable {
    /** remove-all (cc_net: every copy of a repeated line goes) or keep-first (C4: the first document keeps it). */
    public String policy = "remove-all";
    /** Documents shorter than this after dedup are dropped (cc_net: 300). */
    public int minLength = 300;
    /**
     * Hash buckets the (line, document) pairs are partitioned into; a worker holds one at a time (~1/buckets of
     * the input's distinct line-document pairs at 16 bytes each, plus a counting table). Output does not depend on it.
     */
    public int buckets = 1024;
  }

  /** The recipe step {@code dedup_lines}. */
  public DedupLines(Params p) {
    this(DedupPolicy.parse(p.policy), p.minLength, p.buckets);
  }

  private DedupLines(DedupPolicy policy, int minLength, int buckets) {
    if (buckets < 1) {
      throw new IllegalArgumentException("dedup_lines.buckets must be at least 1, got " + buckets);
    }
    this.policy = policy;
    this.minLength = minLength;
    this.buckets = buckets;
  }

  public static DedupLines withPolicy(DedupPolicy policy, int minLength) {
    return new DedupLines(policy, minLength, new Params().buckets);
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
    return o.kept() != null ? Item.of(o.kept()) : Item.dropped(new Drop(d.id(), d.url(), o.dropped(),
        o.linesRemoved() + " of " + d.lineHashes().length + " lines were duplicates"));
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    PCollection<Item> hashed = items.apply("HashLines", ParDo.of(new HashLinesFn())).setCoder(Coders.ItemCoder.of());
    PCollection<Item> drops = hashed.apply("Drops", Filter.by(Item::isDrop)).setCoder(Coders.ItemCoder.of());
    PCollection<KV<Long, long[]>> loses = hashed
        .apply("LineOccurrences", ParDo.of(new OccurrencesFn(buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), Coders.LongArrayCoder.of()))
        .apply("GroupByBucket", GroupByKey.create())
        .apply("DecideOwners", ParDo.of(new DecideFn(policy)))
        .setCoder(KvCoder.of(VarLongCoder.of(), Coders.LongArrayCoder.of()));
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

  /** Each document's distinct line hashes as (hash, ordinal) pairs, batched per hash bucket. */
  static final class OccurrencesFn extends DoFn<Item, KV<Integer, long[]>> {
    private final int buckets;
    private transient long[][] pending;
    private transient int[] filled;

    OccurrencesFn(int buckets) {
      this.buckets = buckets;
    }

    @StartBundle
    public void startBundle() {
      pending = new long[buckets][];
      filled = new int[buckets];
    }

    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Integer, long[]>> out) {
      if (item.isDrop()) {
        return;
      }
      Document d = item.document();
      for (long h : LineDedup.distinctHashes(d.lineHashes())) {
        int b = bucket(h);
        long[] buf = pending[b];
        if (buf == null) {
          buf = pending[b] = new long[2 * BATCH_PAIRS];
        }
        buf[filled[b]++] = h;
        buf[filled[b]++] = d.ordinal();
        if (filled[b] == buf.length) {
          out.output(KV.of(b, buf));
          pending[b] = null;
          filled[b] = 0;
        }
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      for (int b = 0; b < buckets; b++) {
        if (filled[b] > 0) {
          c.output(KV.of(b, Arrays.copyOf(pending[b], filled[b])), BoundedWindow.TIMESTAMP_MIN_VALUE,
              GlobalWindow.INSTANCE);
        }
      }
      pending = null;
      filled = null;
    }

    private int bucket(long hash) {
      return (int) (((hash >>> 32) * buckets) >>> 32);
    }
  }

  /** On a bucket's owner: which documents lose which of its lines, as (ordinal, lost hashes). */
  static final class DecideFn extends DoFn<KV<Integer, Iterable<long[]>>, KV<Long, long[]>> {
    private final DedupPolicy policy;

    DecideFn(DedupPolicy policy) {
      this.policy = policy;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<long[]>> bucket, OutputReceiver<KV<Long, long[]>> out) {
      LineBucket lines = new LineBucket();
      for (long[] batch : bucket.getValue()) {
        lines.add(batch);
      }
      lines.decide(policy, (ordinal, lost) -> out.output(KV.of(ordinal, lost)));
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
      for (long[] hashes : joined.getValue().getAll(LOSES)) {
        for (long h : hashes) {
          lost.add(h);
        }
      }
      LineDedup.Outcome o = dedup.apply(d, lost::contains);
      linesIn.inc(d.lineHashes().length);
      linesRemoved.inc(o.linesRemoved());
      charsRemoved.inc(o.charsRemoved());
      out.output(Routes.counted(item(d, o)));
    }
  }
}
