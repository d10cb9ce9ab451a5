package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.MetricNames;
import dev.llamakit.pipelines.docdedup.BookOverlap;
import dev.llamakit.pipelines.docdedup.Shingles;
import dev.llamakit.pipelines.docdedup.StartSet;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The recipe step {@code dedup_books}: LLaMA's book-level dedup. A document is dropped as {@code BOOK_OVERLAP} when
 * more than {@code threshold} of its words lie in word n-grams it shares with a larger document (or an equal one
 * earlier in the input); see {@link BookOverlap} for the exact definition. Detail: {@code overlap 0.9712 with <id>}.
 * Documents with fewer words than a shingle are never compared: they pass untouched and are counted
 * ({@code dedup_books.too_short}).
 *
 * <p>Five shuffles, none a broadcast: (1) every distinct shingle of every document → its owner (GroupByKey on the
 * 64-bit shingle hash; the owner holds at most {@code max_documents_per_shingle + 1} postings and ignores the shingle
 * beyond that); (2) one contribution per ordered pair whose second document outranks the first, merged per pair by a
 * combiner (the shared start positions of the first document: 4 bytes each, at most its word count); (3) the best
 * removal per document (a combiner); (4) the other document's id joined by its ordinal; (5) the decisions joined back
 * to the documents ({@link ApplyDecisions}). Metrics: {@code dedup_books.too_short},
 * {@code dedup_books.capped_shingles}, {@code dedup_books.pairs}.
 */
public final class DedupBooks extends PTransform<PCollection<Item>, PCollection<Item>> implements CorpusStep {
  /** The {@code dedup_books} step's parameters. */
  public static final class Params implements Serializable {
    /** Words per shingle: a word counts as shared when it lies in a shared run of this many words. */
    public int shingleWords = 5;
    /** A document is dropped when its overlap with a larger document is above this (LLaMA: 90%). */
    public double threshold = 0.9;
    /** Shingles found in more documents than this are common phrases and are ignored (bounds the pairs). */
    public int maxDocumentsPerShingle = 100;
  }

  private final BookOverlap overlap;

  /** The recipe step {@code dedup_books}. */
  public DedupBooks(Params p) {
    this.overlap = new BookOverlap(p.shingleWords, p.threshold, p.maxDocumentsPerShingle);
  }

  @Override
  public PTransform<PCollection<Item>, PCollection<Item>> transform() {
    return this;
  }

  @Override
  public List<Item> inMemory(List<Document> documents) {
    BookOverlap.Result r = overlap.inMemory(documents);
    Map<Long, String> ids = new HashMap<>();
    for (Document d : documents) {
      ids.put(d.ordinal(), d.id());
    }
    Map<Long, KV<String, String>> decisions = new HashMap<>();
    r.removals().forEach((doc, removal) -> decisions.put(doc, decision(removal, ids.get(removal.other()))));
    return ApplyDecisions.inMemory(documents, decisions);
  }

  static KV<String, String> decision(BookOverlap.Removal r, String otherId) {
    return KV.of(DropReason.BOOK_OVERLAP.name(),
        String.format(Locale.ROOT, "overlap %.4f with %s", r.overlap(), otherId));
  }

  private static final TupleTag<String> IDS = new TupleTag<>() {};
  private static final TupleTag<BookOverlap.Removal> REMOVALS = new TupleTag<>() {};

  @Override
  public PCollection<Item> expand(PCollection<Item> items) {
    Coder<KV<Long, Long>> pairKey = KvCoder.of(VarLongCoder.of(), VarLongCoder.of());
    PCollection<KV<Long, BookOverlap.Removal>> best = items
        .apply("Shingle", ParDo.of(new ShingleFn(overlap)))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), DocDedupCoders.PostingCoder.of()))
        .apply("GroupByShingle", GroupByKey.create())
        .apply("Pairs", ParDo.of(new PairsFn(overlap)))
        .setCoder(KvCoder.of(pairKey, DocDedupCoders.PairStartsCoder.of()))
        .apply("MergePairs", Combine.perKey(new MergeStarts()))
        .apply("Overlap", ParDo.of(new OverlapFn(overlap)))
        .setCoder(KvCoder.of(VarLongCoder.of(), DocDedupCoders.RemovalCoder.of()))
        .apply("BestPerDocument", Combine.perKey(new Best()));
    PCollection<KV<Long, BookOverlap.Removal>> byOther = best
        .apply("KeyByOther", ParDo.of(new KeyByOtherFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), DocDedupCoders.RemovalCoder.of()));
    PCollection<KV<Long, String>> ids = items.apply("Ids", ParDo.of(new IdFn()))
        .setCoder(KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()));
    PCollection<KV<Long, KV<String, String>>> decisions = KeyedPCollectionTuple.of(IDS, ids).and(REMOVALS, byOther)
        .apply("JoinOtherId", CoGroupByKey.create())
        .apply("Decisions", ParDo.of(new DecisionFn()))
        .setCoder(ApplyDecisions.KEYED_DECISION);
    return ApplyDecisions.apply(items, decisions);
  }

  /** Every distinct shingle of a document with its positions; documents shorter than a shingle are counted. */
  static final class ShingleFn extends DoFn<Item, KV<Long, BookOverlap.Posting>> {
    private final BookOverlap overlap;
    private final Counter tooShort = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_BOOKS_TOO_SHORT);

    ShingleFn(BookOverlap overlap) {
      this.overlap = overlap;
    }

    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Long, BookOverlap.Posting>> out) {
      if (item.isDrop()) {
        return;
      }
      Document d = item.document();
      Shingles s = overlap.shingles(d);
      if (s.distinct() == 0) {
        tooShort.inc();
        return;
      }
      for (int i = 0; i < s.distinct(); i++) {
        out.output(KV.of(s.hash(i), new BookOverlap.Posting(d.ordinal(), s.words(), s.positions(i))));
      }
    }
  }

  /** One shingle's postings → a contribution per ordered pair whose second outranks the first; capped shingles none. */
  static final class PairsFn extends DoFn<KV<Long, Iterable<BookOverlap.Posting>>,
      KV<KV<Long, Long>, DocDedupCoders.PairStarts>> {
    private final BookOverlap overlap;
    private final Counter capped = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_BOOKS_CAPPED_SHINGLES);

    PairsFn(BookOverlap overlap) {
      this.overlap = overlap;
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<BookOverlap.Posting>> e,
        OutputReceiver<KV<KV<Long, Long>, DocDedupCoders.PairStarts>> out) {
      List<BookOverlap.Posting> postings = new ArrayList<>();
      for (BookOverlap.Posting p : e.getValue()) {
        postings.add(p);
        if (overlap.capped(postings.size())) {
          capped.inc();
          return;
        }
      }
      if (postings.size() < 2) {
        return;
      }
      overlap.pairs(postings, (a, words, b, positions) ->
          out.output(KV.of(KV.of(a, b), new DocDedupCoders.PairStarts(words, StartSet.of(positions)))));
    }
  }

  /** Merges the shared start positions of one pair. */
  static final class MergeStarts extends Combine.CombineFn<DocDedupCoders.PairStarts, DocDedupCoders.PairStarts,
      DocDedupCoders.PairStarts> {
    @Override
    public DocDedupCoders.PairStarts createAccumulator() {
      return new DocDedupCoders.PairStarts(0, new StartSet());
    }

    @Override
    public DocDedupCoders.PairStarts addInput(DocDedupCoders.PairStarts acc, DocDedupCoders.PairStarts in) {
      acc.starts().addAll(in.starts());
      return new DocDedupCoders.PairStarts(Math.max(acc.words(), in.words()), acc.starts());
    }

    @Override
    public DocDedupCoders.PairStarts mergeAccumulators(Iterable<DocDedupCoders.PairStarts> accs) {
      DocDedupCoders.PairStarts m = createAccumulator();
      for (DocDedupCoders.PairStarts a : accs) {
        m = addInput(m, a);
      }
      return m;
    }

    @Override
    public DocDedupCoders.PairStarts extractOutput(DocDedupCoders.PairStarts acc) {
      return acc;
    }

    @Override
    public Coder<DocDedupCoders.PairStarts> getAccumulatorCoder(CoderRegistry r,
        Coder<DocDedupCoders.PairStarts> in) {
      return DocDedupCoders.PairStartsCoder.of();
    }

    @Override
    public Coder<DocDedupCoders.PairStarts> getDefaultOutputCoder(CoderRegistry r,
        Coder<DocDedupCoders.PairStarts> in) {
      return DocDedupCoders.PairStartsCoder.of();
    }
  }

  /** A pair's overlap; a removal of its first document when above the threshold. */
  static final class OverlapFn extends DoFn<KV<KV<Long, Long>, DocDedupCoders.PairStarts>,
      KV<Long, BookOverlap.Removal>> {
    private final BookOverlap overlap;
    private final Counter pairs = Metrics.counter(MetricNames.NAMESPACE, MetricNames.DEDUP_BOOKS_PAIRS);

    OverlapFn(BookOverlap overlap) {
      this.overlap = overlap;
    }

    @ProcessElement
    public void process(@Element KV<KV<Long, Long>, DocDedupCoders.PairStarts> e,
        OutputReceiver<KV<Long, BookOverlap.Removal>> out) {
      pairs.inc();
      double o = overlap.overlap(e.getValue().words(), e.getValue().starts());
      if (overlap.removes(o)) {
        long doc = e.getKey().getKey();
        out.output(KV.of(doc, new BookOverlap.Removal(doc, e.getKey().getValue(), o)));
      }
    }
  }

  /** The removal to report per document. */
  static final class Best extends Combine.BinaryCombineFn<BookOverlap.Removal> {
    @Override
    public BookOverlap.Removal apply(BookOverlap.Removal x, BookOverlap.Removal y) {
      return BookOverlap.Removal.better(x, y);
    }
  }

  static final class KeyByOtherFn extends DoFn<KV<Long, BookOverlap.Removal>, KV<Long, BookOverlap.Removal>> {
    @ProcessElement
    public void process(@Element KV<Long, BookOverlap.Removal> e, OutputReceiver<KV<Long, BookOverlap.Removal>> out) {
      out.output(KV.of(e.getValue().other(), e.getValue()));
    }
  }

  static final class IdFn extends DoFn<Item, KV<Long, String>> {
    @ProcessElement
    public void process(@Element Item item, OutputReceiver<KV<Long, String>> out) {
      if (!item.isDrop()) {
        out.output(KV.of(item.document().ordinal(), item.document().id()));
      }
    }
  }

  /** The removals that name one document as the other, with its id: decisions keyed by the removed document. */
  static final class DecisionFn extends DoFn<KV<Long, CoGbkResult>, KV<Long, KV<String, String>>> {
    @ProcessElement
    public void process(@Element KV<Long, CoGbkResult> e, OutputReceiver<KV<Long, KV<String, String>>> out) {
      String id = null;
      for (String s : e.getValue().getAll(IDS)) {
        if (id == null || s.compareTo(id) < 0) {
          id = s;
        }
      }
      for (BookOverlap.Removal r : e.getValue().getAll(REMOVALS)) {
        out.output(KV.of(r.document(), decision(r, id)));
      }
    }
  }
}
