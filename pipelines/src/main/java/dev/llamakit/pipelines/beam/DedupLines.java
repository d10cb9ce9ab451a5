package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.dedup.DedupPolicy;
import dev.llamakit.pipelines.dedup.DuplicateLines;
import dev.llamakit.pipelines.dedup.LineDedup;
import dev.llamakit.pipelines.dedup.LineOccurrences;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DocumentCoder;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.text.LineHasher;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Steps 3–4: hashes every line the cc_net way, counts over the whole input which lines occur in two or more documents,
 * and removes them per {@link DedupPolicy}.
 *
 * <p>The count is a {@code Combine.perKey} on the 64-bit line hash whose accumulator ({@link LineOccurrences}) merges
 * on every worker before the shuffle (combiner lifting), with hot-key fan-out so a boilerplate line that appears in
 * millions of documents is merged in stages instead of on one worker. The duplicated lines are then broadcast as one
 * sorted index ({@link DuplicateLines}, 16 bytes a duplicated line) to the removal step.
 *
 * <p>Metrics: {@code dedup.lines_in}, {@code dedup.lines_removed}, {@code dedup.chars_removed}; drops
 * {@code EMPTY_AFTER_DEDUP}, {@code TOO_SHORT_AFTER_DEDUP}.
 */
public final class DedupLines extends PTransform<PCollection<Document>, PCollectionTuple> {
  private final DedupPolicy policy;
  private final int minLength;
  private final int hotKeyFanout;

  private DedupLines(DedupPolicy policy, int minLength, int hotKeyFanout) {
    this.policy = policy;
    this.minLength = minLength;
    this.hotKeyFanout = hotKeyFanout;
  }

  public static DedupLines withPolicy(DedupPolicy policy, int minLength) {
    return new DedupLines(policy, minLength, 16);
  }

  @Override
  public PCollectionTuple expand(PCollection<Document> docs) {
    PCollection<Document> hashed = docs.apply("HashLines", ParDo.of(new HashLinesFn())).setCoder(DocumentCoder.of());
    PCollectionView<DuplicateLines> duplicates = hashed
        .apply("EmitLineOwners", ParDo.of(new EmitLineOwnersFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), VarLongCoder.of()))
        .apply("CountDocumentsPerLine", Combine.<Long, Long, LineOccurrences>perKey(new CountDocuments())
            .withHotKeyFanout(hotKeyFanout))
        .setCoder(KvCoder.of(VarLongCoder.of(), Coders.LineOccurrencesCoder.of()))
        .apply("KeepDuplicated", Filter.by(kv -> kv.getValue().duplicated()))
        .apply("IndexDuplicates", Combine.globally(new DuplicateIndexFn()).asSingletonView());
    return DocumentStep.apply(hashed, "RemoveDuplicateLines",
        ParDo.of(new RemoveFn(policy, minLength, duplicates)).withSideInputs(duplicates));
  }

  /** Adds the cc_net hash of every {@code raw_content} line. */
  static final class HashLinesFn extends DoFn<Document, Document> {
    private transient LineHasher hasher;

    @Setup
    public void setup() {
      hasher = new LineHasher();
    }

    @ProcessElement
    public void process(@Element Document d, OutputReceiver<Document> out) {
      out.output(d.withLineHashes(hasher.hashLines(LineHasher.splitLines(d.rawContent()))));
    }
  }

  /** Emits (line hash, document ordinal) once per distinct line of a document. */
  static final class EmitLineOwnersFn extends DoFn<Document, KV<Long, Long>> {
    @ProcessElement
    public void process(@Element Document d, OutputReceiver<KV<Long, Long>> out) {
      for (long h : LineDedup.distinctHashes(d.lineHashes())) {
        out.output(KV.of(h, d.ordinal()));
      }
    }
  }

  /** Documents per line (capped at 2) and the first owner. */
  static final class CountDocuments extends Combine.CombineFn<Long, LineOccurrences, LineOccurrences> {
    @Override
    public LineOccurrences createAccumulator() {
      return new LineOccurrences(0, Long.MAX_VALUE);
    }

    @Override
    public LineOccurrences addInput(LineOccurrences acc, Long ordinal) {
      return acc.merge(LineOccurrences.of(ordinal));
    }

    @Override
    public LineOccurrences mergeAccumulators(Iterable<LineOccurrences> accs) {
      LineOccurrences m = createAccumulator();
      for (LineOccurrences a : accs) {
        m = m.merge(a);
      }
      return m;
    }

    @Override
    public LineOccurrences extractOutput(LineOccurrences acc) {
      return acc;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<LineOccurrences> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, org.apache.beam.sdk.coders.Coder<Long> in) {
      return Coders.LineOccurrencesCoder.of();
    }
  }

  /** Gathers the duplicated lines into one sorted index. */
  static final class DuplicateIndexFn
      extends Combine.CombineFn<KV<Long, LineOccurrences>, LongPairs, DuplicateLines> {
    @Override
    public LongPairs createAccumulator() {
      return new LongPairs();
    }

    @Override
    public LongPairs addInput(LongPairs acc, KV<Long, LineOccurrences> kv) {
      acc.add(kv.getKey(), kv.getValue().firstOrdinal());
      return acc;
    }

    @Override
    public LongPairs mergeAccumulators(Iterable<LongPairs> accs) {
      LongPairs m = new LongPairs();
      for (LongPairs a : accs) {
        m.addAll(a);
      }
      return m;
    }

    @Override
    public DuplicateLines extractOutput(LongPairs acc) {
      return acc.toIndex();
    }

    @Override
    public DuplicateLines defaultValue() {
      return DuplicateLines.empty();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<LongPairs> getAccumulatorCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, org.apache.beam.sdk.coders.Coder<KV<Long, LineOccurrences>> in) {
      return LongPairs.CODER;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<DuplicateLines> getDefaultOutputCoder(
        org.apache.beam.sdk.coders.CoderRegistry r, org.apache.beam.sdk.coders.Coder<KV<Long, LineOccurrences>> in) {
      return LongPairs.INDEX_CODER;
    }
  }

  /** Removes duplicated lines from each document. */
  static final class RemoveFn extends DoFn<Document, Document> {
    private final DedupPolicy policy;
    private final int minLength;
    private final PCollectionView<DuplicateLines> duplicates;
    private final Counter linesIn = Metrics.counter(Routes.NAMESPACE, "dedup.lines_in");
    private final Counter linesRemoved = Metrics.counter(Routes.NAMESPACE, "dedup.lines_removed");
    private final Counter charsRemoved = Metrics.counter(Routes.NAMESPACE, "dedup.chars_removed");
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
      Document d = c.element();
      LineDedup.Outcome o = dedup.apply(d, c.sideInput(duplicates));
      linesIn.inc(d.lineHashes().length);
      linesRemoved.inc(o.linesRemoved());
      charsRemoved.inc(o.charsRemoved());
      if (o.kept() != null) {
        c.output(o.kept());
      } else {
        Routes.drop(c, new Drop(d.id(), d.url(), o.dropped(),
            o.linesRemoved() + " of " + d.lineHashes().length + " lines were duplicates"));
      }
    }
  }
}
