package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.LineDedup;
import dev.llamakit.pipelines.dedup.OccurrenceTable;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.text.LineHasher;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Steps 3–4: hashes every line the cc_net way, counts over the whole input which lines occur in two or more documents,
 * and removes them per {@link DedupPolicy}.
 *
 * <p>Counting is keyed by bucket of line hashes ({@code buckets}, default 1,024), not by hash: each bundle first folds
 * its documents' lines into one {@link OccurrenceTable} per bucket (a combiner written out by hand), and
 * {@code Combine.perKey} merges the tables of a bucket. A boilerplate line that appears in a million documents is one
 * table slot per bundle, so no key is hot and the shuffle carries tables, not one record per line. The duplicated
 * lines of every bucket are then gathered into one sorted index ({@link DuplicateLines}, 16 bytes a duplicated line)
 * that the removal step reads as a side input.
 *
 * <p>Metrics: {@code dedup.lines_in}, {@code dedup.lines_removed}, {@code dedup.chars_removed}; drops {@code EMPTY_AFTER_DEDUP}, {@code TOO_SHORT_AFTER_DEDUP}.
 */
public final class DedupLines extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  private final DedupPolicy policy;
  private final int minLength;
  private final int buckets;

  /** The {@code dedup_lines} step's parameters. */
  public static final class Params implements Serializable {
    /** remove-all (cc_net: every copy of a repeated line goes) or keep-first (C4: the first document keeps it). */
    public String policy = "remove-all";
    /** Documents shorter than this after dedup are dropped (cc_net: 300). */
    public int minLength = 300;
  }

  /** The recipe step {@code dedup_lines}. */
  public DedupLines(Params p) {
    this(DedupPolicy.parse(p.policy), p.minLength, 1024);
  }

  private DedupLines(DedupPolicy policy, int minLength, int buckets) {
    this.policy = policy;
    this.minLength = minLength;
    this.buckets = buckets;
  }

  public static DedupLines withPolicy(DedupPolicy policy, int minLength) {
    return new DedupLines(policy, minLength, 1024);
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

  /** The number of hash buckets the count is keyed by. */
  public DedupLines withBuckets(int n) {
    return new DedupLines(policy, minLength, n);
  }

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    PCollection<Item> hashed = items.apply("HashLines", ParDo.of(new HashLinesFn())).setCoder(Coders.ItemCoder.of());
    PCollectionView<DuplicateLines> duplicates = hashed
        .apply("CountLinesPerBundle", ParDo.of(new CountPerBundleFn(buckets)))
        .setCoder(KvCoder.of(VarIntCoder.of(), Coders.OccurrenceTableCoder.of()))
        .apply("MergeBuckets", Combine.perKey(new MergeTables()))
        .apply("FindDuplicates", MapElements.into(TypeDescriptor.of(DuplicateLines.class))
            .via(kv -> kv.getValue().duplicates()))
        .setCoder(Coders.DuplicateLinesCoder.of())
        .apply("IndexDuplicates", Combine.globally(new ConcatIndexes()).asSingletonView());
    return hashed.apply("RemoveDuplicateLines",
        ParDo.of(new RemoveFn(policy, minLength, duplicates)).withSideInputs(duplicates))
        .setCoder(Coders.ItemCoder.of());
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

  /** Folds a bundle's (line, document) pairs into one occurrence table per bucket, emitted when the bundle ends. */
  static final class CountPerBundleFn extends DoFn<Item, KV<Integer, OccurrenceTable>> {
    private final int buckets;
    private transient OccurrenceTable[] tables;

    CountPerBundleFn(int buckets) {
      this.buckets = buckets;
    }

    @StartBundle
    public void start() {
      tables = new OccurrenceTable[buckets];
    }

    @ProcessElement
    public void process(@Element Item item) {
      if (item.isDrop()) {
        return;
      }
      Document d = item.document();
      for (long h : LineDedup.distinctHashes(d.lineHashes())) {
        int b = (int) Long.remainderUnsigned(h, buckets);
        if (tables[b] == null) {
          tables[b] = new OccurrenceTable();
        }
        tables[b].add(h, d.ordinal());
      }
    }

    @FinishBundle
    public void finish(FinishBundleContext c) {
      for (int b = 0; b < buckets; b++) {
        if (tables[b] != null) {
          c.output(KV.of(b, tables[b]), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        }
      }
      tables = null;
    }
  }

  /** Merges the occurrence tables of one bucket. */
  static final class MergeTables extends Combine.CombineFn<OccurrenceTable, OccurrenceTable, OccurrenceTable> {
    @Override
    public OccurrenceTable createAccumulator() {
      return new OccurrenceTable();
    }

    @Override
    public OccurrenceTable addInput(OccurrenceTable acc, OccurrenceTable in) {
      acc.addAll(in);
      return acc;
    }

    @Override
    public OccurrenceTable mergeAccumulators(Iterable<OccurrenceTable> accs) {
      OccurrenceTable m = new OccurrenceTable();
      for (OccurrenceTable a : accs) {
        m.addAll(a);
      }
      return m;
    }

    @Override
    public OccurrenceTable extractOutput(OccurrenceTable acc) {
      return acc;
    }

    @Override
    public Coder<OccurrenceTable> getAccumulatorCoder(CoderRegistry r, Coder<OccurrenceTable> in) {
      return Coders.OccurrenceTableCoder.of();
    }

    @Override
    public Coder<OccurrenceTable> getDefaultOutputCoder(CoderRegistry r, Coder<OccurrenceTable> in) {
      return Coders.OccurrenceTableCoder.of();
    }
  }

  /** Joins the per-bucket duplicate indexes into one. */
  static final class ConcatIndexes extends Combine.CombineFn<DuplicateLines, List<DuplicateLines>, DuplicateLines> {
    @Override
    public List<DuplicateLines> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<DuplicateLines> addInput(List<DuplicateLines> acc, DuplicateLines in) {
      acc.add(in);
      return acc;
    }

    @Override
    public List<DuplicateLines> mergeAccumulators(Iterable<List<DuplicateLines>> accs) {
      List<DuplicateLines> m = new ArrayList<>();
      accs.forEach(m::addAll);
      return m;
    }

    @Override
    public DuplicateLines extractOutput(List<DuplicateLines> acc) {
      return DuplicateLines.concat(acc);
    }

    @Override
    public DuplicateLines defaultValue() {
      return DuplicateLines.empty();
    }

    @Override
    public Coder<List<DuplicateLines>> getAccumulatorCoder(CoderRegistry r, Coder<DuplicateLines> in) {
      return ListCoder.of(Coders.DuplicateLinesCoder.of());
    }

    @Override
    public Coder<DuplicateLines> getDefaultOutputCoder(CoderRegistry r, Coder<DuplicateLines> in) {
      return Coders.DuplicateLinesCoder.of();
    }
  }

  /** Removes duplicated lines from each document. */
  static final class RemoveFn extends DoFn<Item, Item> {
    private final DedupPolicy policy;
    private final int minLength;
    private final PCollectionView<DuplicateLines> duplicates;
    private final Counter linesIn = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_LINES_IN);
    private final Counter linesRemoved = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_LINES_REMOVED);
    private final Counter charsRemoved = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_CHARS_REMOVED);
    private transient LineDedup dedup;

    RemoveFn(DedupPolicy policy, int minLength, PCollectionView<DuplicateLines> duplicates) {
      this.policy = policy;
      this.minLength = minLength;
      this.duplicates = duplicates;
    }

    @Setup
    public void setup() {
      dedup = new LineDedup(policy, minLength);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (c.element().isDrop()) {
        c.output(c.element());
        return;
      }
      Document d = c.element().document();
      LineDedup.Outcome o = dedup.apply(d, c.sideInput(duplicates));
      linesIn.inc(d.lineHashes().length);
      linesRemoved.inc(o.linesRemoved());
      charsRemoved.inc(o.charsRemoved());
      c.output(item(d, o));
    }
  }
}
