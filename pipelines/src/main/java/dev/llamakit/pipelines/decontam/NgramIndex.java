package dev.llamakit.pipelines.decontam;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Benchmark items as word n-grams in an Apache Lucene index held in memory ({@link ByteBuffersDirectory}): one Lucene
 * document per item, its distinct n-grams (words of the {@link NgramRule}) as the terms of the field {@value #GRAM}
 * — each n-gram as its 8-byte fingerprint ({@link GramHash}), which keeps the term dictionary small and building and
 * lookups fast — and its position in the item list as a stored field. A hash set of the fingerprints in front of the
 * term dictionary answers the common case, an n-gram no item has, without a seek. A lookup is one {@link TermsEnum#seekExact}
 * in the term dictionary; the postings list names the items; the term's document frequency is how many items share
 * the n-gram, which {@code maxItemFrequency} caps (n-grams shared by more items are treated as common phrasing, not
 * as a match).
 *
 * <pre>{@code
 * try (NgramIndex index = NgramIndex.build(items, NgramRule.JANITOR, 13, 10)) {
 *   NgramIndex.Searcher s = index.searcher();            // one per thread
 *   Words w = NgramRule.JANITOR.words(document);
 *   long[] h = GramHash.words(w);
 *   for (int i = 0; i < w.grams(13); i++) {
 *     int[] hits = s.items(h, i);                         // item ordinals, or null
 *     if (hits != null) System.out.println(index.item(hits[0]).key());
 *   }
 * }
 * }</pre>
 *
 * <p>The index is immutable once built; {@link Searcher}s are cheap and not thread-safe.
 */
public final class NgramIndex implements Closeable {
  /** The field holding an item's n-grams. */
  public static final String GRAM = "gram";
  private static final String ITEM = "item";
  private static final FieldType GRAM_TYPE = new FieldType();

  static {
    GRAM_TYPE.setIndexOptions(IndexOptions.DOCS);
    GRAM_TYPE.setOmitNorms(true);
    GRAM_TYPE.setTokenized(true);
    GRAM_TYPE.freeze();
  }

  private final List<BenchmarkItem> items;
  private final NgramRule rule;
  private final int n;
  private final int maxItemFrequency;
  private final ByteBuffersDirectory dir;
  private final DirectoryReader reader;
  private final LeafReader leaf;
  private final int[] docToItem;
  private final long grams;
  private final FingerprintSet present;

  private NgramIndex(List<BenchmarkItem> items, NgramRule rule, int n, int maxItemFrequency, ByteBuffersDirectory dir,
      long grams, FingerprintSet present) throws IOException {
    this.present = present;
    this.items = items;
    this.rule = rule;
    this.n = n;
    this.maxItemFrequency = maxItemFrequency;
    this.dir = dir;
    this.grams = grams;
    this.reader = DirectoryReader.open(dir);
    if (reader.leaves().size() != 1) {
      throw new IllegalStateException("expected one segment after forceMerge(1), got " + reader.leaves().size());
    }
    this.leaf = reader.leaves().get(0).reader();
    this.docToItem = new int[leaf.maxDoc()];
    StoredFields stored = leaf.storedFields();
    for (int d = 0; d < docToItem.length; d++) {
      docToItem[d] = stored.document(d).getField(ITEM).numericValue().intValue();
    }
  }

  /**
   * Indexes {@code items} as {@code n}-grams of {@code rule}'s words.
   *
   * @param maxItemFrequency n-grams found in more items than this are never reported; 0 for no limit
   */
  public static NgramIndex build(List<BenchmarkItem> items, NgramRule rule, int n, int maxItemFrequency) {
    if (n < 1) {
      throw new IllegalArgumentException("n-gram length must be at least 1, not " + n);
    }
    if (maxItemFrequency < 0) {
      throw new IllegalArgumentException("max_item_frequency must be 0 (no limit) or more, not " + maxItemFrequency);
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("no benchmark items to index");
    }
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    long grams = 0;
    List<long[]> all = new java.util.ArrayList<>(items.size());
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig().setRAMBufferSizeMB(256)
        .setUseCompoundFile(false))) {
      for (int i = 0; i < items.size(); i++) {
        Document doc = new Document();
        doc.add(new StoredField(ITEM, i));
        Words words = rule.words(items.get(i).text());
        long[] h = GramHash.words(words);
        long[] fp = new long[words.grams(n)];
        for (int g = 0; g < fp.length; g++) {
          fp[g] = GramHash.gram(h, g, n);
        }
        fp = java.util.Arrays.stream(fp).distinct().toArray();
        grams += fp.length;
        all.add(fp);
        doc.add(new Field(GRAM, new GramTokens(fp), GRAM_TYPE));
        w.addDocument(doc);
      }
      w.forceMerge(1);
      w.commit();
      FingerprintSet present = new FingerprintSet((int) Math.min(Integer.MAX_VALUE / 4, grams));
      for (long[] fp : all) {
        for (long g : fp) {
          present.add(g);
        }
      }
      return new NgramIndex(List.copyOf(items), rule, n, maxItemFrequency, dir, grams, present);
    } catch (IOException e) {
      throw new UncheckedIOException("building the benchmark n-gram index: " + e.getMessage(), e);
    }
  }

  /** A lookup cursor for one thread. */
  public Searcher searcher() {
    return new Searcher();
  }

  /** The item at ordinal {@code i} (the order items were given to {@link #build}). */
  public BenchmarkItem item(int i) {
    return items.get(i);
  }

  /** All items, by ordinal. */
  public List<BenchmarkItem> items() {
    return items;
  }

  public NgramRule rule() {
    return rule;
  }

  /** The n-gram length. */
  public int n() {
    return n;
  }

  /** Distinct (item, n-gram) pairs indexed. */
  public long grams() {
    return grams;
  }

  /** Distinct n-grams in the term dictionary. */
  public long terms() {
    try {
      Terms t = leaf.terms(GRAM);
      return t == null ? 0 : t.size();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
      dir.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Looks n-grams up in the index; reuses its buffers, so one per thread. */
  public final class Searcher {
    private final TermsEnum terms;
    private final BytesRef term = new BytesRef(new byte[Long.BYTES]);
    private PostingsEnum postings;
    private int[] hits = new int[8];

    private Searcher() {
      try {
        Terms t = leaf.terms(GRAM);
        terms = t == null ? TermsEnum.EMPTY : t.iterator();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * The ordinals of the items that hold the n-gram starting at word {@code i} of the words whose hashes ({@link
     * GramHash#words}) are {@code wordHashes}, ascending; null when none does or more than {@code maxItemFrequency}
     * do.
     */
    public int[] items(long[] wordHashes, int i) {
      return items(GramHash.gram(wordHashes, i, n));
    }

    /** The ordinals of the items holding the n-gram with fingerprint {@code gram} ({@link GramHash#gram}), or null. */
    public int[] items(long gram) {
      if (!present.contains(gram)) {
        return null;
      }
      GramTokens.encode(gram, term.bytes);
      try {
        if (!terms.seekExact(term)) {
          return null;
        }
        int df = terms.docFreq();
        if (maxItemFrequency > 0 && df > maxItemFrequency) {
          return null;
        }
        postings = terms.postings(postings, PostingsEnum.NONE);
        if (hits.length < df) {
          hits = new int[df];
        }
        int k = 0;
        for (int d = postings.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = postings.nextDoc()) {
          hits[k++] = docToItem[d];
        }
        int[] out = Arrays.copyOf(hits, k);
        Arrays.sort(out);
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
