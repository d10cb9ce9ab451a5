package dev.llamakit.pipelines.docdedup;

import dev.llamakit.pipelines.doc.Document;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Book-level dedup (LLaMA: "books with more than 90% content overlap" removed): which documents are contained in a
 * larger one.
 *
 * <p><b>Overlap.</b> The overlap of document A with document B is the fraction of A's words that lie inside at least
 * one word {@code n}-gram ({@link Shingles}) that also occurs in B: covered words of A ÷ words of A. It is directional
 * (the first half of a book has overlap 1.0 with the whole book; the whole book about 0.5 with its half) and measures
 * text, not shingle counts: one changed word uncovers only the words with no unchanged {@code n}-word run around them,
 * so a copy with 5% of its words changed at random positions keeps an overlap of about 0.93 with 5-word shingles (0.87
 * with 10-word shingles).
 *
 * <p><b>Rule.</b> B <em>outranks</em> A when B has more words, or as many and comes first in input order (lower
 * ordinal). A is removed when some B that outranks it has {@code overlap(A, B) > threshold}: of a pair, the shorter
 * one goes (the later one of two equal ones), so an excerpt goes and the book stays, and of two copies the first stays.
 * A is removed even if that B is itself removed by a third, larger document. The detail names the B with the highest
 * overlap (then the lowest ordinal).
 *
 * <p><b>Cap.</b> A shingle found in more than {@code maxDocumentsPerShingle} documents is a common phrase or
 * boilerplate, not evidence that two books are copies; it is ignored (counts as not shared for every document), which
 * bounds the pairs a shingle produces to {@code cap * (cap - 1) / 2} instead of growing with the square of the corpus.
 *
 * <p>The distributed form ({@code beam.DedupBooks}) computes the same in shuffles: shingle hash → postings
 * ({@link Posting}, at most cap + 1 held); each shingle's postings → one contribution per ordered pair in which the
 * second outranks the first ({@link #pairs}); contributions merged per pair ({@link StartSet}) → overlap → the best
 * {@link Removal} per document. {@link #inMemory} does the same in one process.
 *
 * <pre>{@code
 * BookOverlap o = new BookOverlap(5, 0.9, 100);
 * BookOverlap.Result r = o.inMemory(books);
 * r.removals().get(half.ordinal());   // Removal[document=…, other=<the whole book's ordinal>, overlap=1.0]
 * }</pre>
 */
public final class BookOverlap implements Serializable {
  private final int shingleWords;
  private final double threshold;
  private final int maxDocumentsPerShingle;

  /**
   * @param shingleWords words per shingle ({@code n})
   * @param threshold a document is removed when its overlap with an outranking one is strictly above this
   * @param maxDocumentsPerShingle shingles in more documents than this are ignored
   */
  public BookOverlap(int shingleWords, double threshold, int maxDocumentsPerShingle) {
    if (shingleWords < 1) {
      throw new IllegalArgumentException("shingle_words must be 1 or more, not " + shingleWords);
    }
    if (!(threshold >= 0 && threshold < 1)) {
      throw new IllegalArgumentException("threshold must be at least 0 and below 1, not " + threshold);
    }
    if (maxDocumentsPerShingle < 2) {
      throw new IllegalArgumentException("max_documents_per_shingle must be 2 or more, not " + maxDocumentsPerShingle);
    }
    this.shingleWords = shingleWords;
    this.threshold = threshold;
    this.maxDocumentsPerShingle = maxDocumentsPerShingle;
  }

  public int shingleWords() {
    return shingleWords;
  }

  public int maxDocumentsPerShingle() {
    return maxDocumentsPerShingle;
  }

  /** One document's occurrence of one shingle: the document, its word count, and where the shingle starts in it. */
  public record Posting(long ordinal, int words, int[] positions) implements Serializable {}

  /** Document {@code document} is removed: its overlap with {@code other}, which outranks it, is {@code overlap}. */
  public record Removal(long document, long other, double overlap) implements Serializable {
    /** The removal to report when a document is contained in several: the highest overlap, then the lowest other. */
    public static Removal better(Removal x, Removal y) {
      if (x.overlap != y.overlap) {
        return x.overlap > y.overlap ? x : y;
      }
      return x.other <= y.other ? x : y;
    }
  }

  /** Receives one shingle's contribution to a pair: where the shared shingle starts in {@code document}. */
  public interface PairSink {
    void accept(long document, int documentWords, long other, int[] positions);
  }

  /** The shingles of a document; none when it has fewer words than a shingle. */
  public Shingles shingles(Document d) {
    return Shingles.of(d.rawContent(), shingleWords);
  }

  /** True when {@code b} outranks {@code a}: more words, or as many and earlier in input order. */
  public static boolean outranks(long bOrdinal, int bWords, long aOrdinal, int aWords) {
    return bWords != aWords ? bWords > aWords : bOrdinal < aOrdinal;
  }

  /** True when a shingle in this many documents is ignored. */
  public boolean capped(int documents) {
    return documents > maxDocumentsPerShingle;
  }

  /**
   * One shingle's contributions (call only when not {@link #capped}): for every ordered pair of its documents in
   * which the second outranks the first, the first's positions. Returns the number of contributions.
   */
  public int pairs(List<Posting> postings, PairSink sink) {
    int n = 0;
    for (Posting a : postings) {
      for (Posting b : postings) {
        if (a != b && a.ordinal() != b.ordinal() && outranks(b.ordinal(), b.words(), a.ordinal(), a.words())) {
          sink.accept(a.ordinal(), a.words(), b.ordinal(), a.positions());
          n++;
        }
      }
    }
    return n;
  }

  /** The overlap of a document of {@code words} words whose shared shingles start at {@code starts}. */
  public double overlap(int words, StartSet starts) {
    return words == 0 ? 0 : starts.coveredWords(shingleWords) / (double) words;
  }

  /** True when this overlap removes the document. */
  public boolean removes(double overlap) {
    return overlap > threshold;
  }

  /**
   * What happened, in one process.
   *
   * @param removals the removed documents by ordinal
   * @param tooShort documents with fewer words than a shingle (never compared)
   * @param cappedShingles distinct shingles ignored for being in too many documents
   * @param pairs document pairs compared
   */
  public record Result(Map<Long, Removal> removals, long tooShort, long cappedShingles, long pairs) {}

  /** The whole computation on documents held in memory (ordinals must be distinct). */
  public Result inMemory(List<Document> documents) {
    Map<Long, List<Posting>> postings = new HashMap<>();
    long tooShort = 0;
    for (Document d : documents) {
      Shingles s = shingles(d);
      if (s.distinct() == 0) {
        tooShort++;
        continue;
      }
      for (int i = 0; i < s.distinct(); i++) {
        postings.computeIfAbsent(s.hash(i), k -> new ArrayList<>(2))
            .add(new Posting(d.ordinal(), s.words(), s.positions(i)));
      }
    }
    record Key(long document, long other) {}
    record Acc(int words, StartSet starts) {}
    Map<Key, Acc> pairs = new HashMap<>();
    long capped = 0;
    for (List<Posting> p : postings.values()) {
      if (p.size() < 2) {
        continue;
      }
      if (capped(p.size())) {
        capped++;
        continue;
      }
      pairs(p, (a, words, b, pos) -> pairs.computeIfAbsent(new Key(a, b), k -> new Acc(words, new StartSet()))
          .starts().addAll(pos));
    }
    Map<Long, Removal> removals = new HashMap<>();
    pairs.forEach((k, acc) -> {
      double o = overlap(acc.words(), acc.starts());
      if (removes(o)) {
        removals.merge(k.document(), new Removal(k.document(), k.other(), o), Removal::better);
      }
    });
    return new Result(removals, tooShort, capped, pairs.size());
  }
}
