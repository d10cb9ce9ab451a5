package dev.llamakit.pipelines.minhash;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.DropReason;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MinHash near-duplicate removal, the plain logic the {@code minhash} corpus step wraps: each document's
 * {@linkplain #fingerprint fingerprint} (shingles of its simplified {@code raw_content}, signature, band keys), the
 * candidate edges of an LSH bucket ({@link #bucketEdges}: every member to the bucket's first document), the optional
 * Jaccard check of a candidate edge, and what a decision does to a document ({@link #apply}). {@link #run} is the
 * whole algorithm in memory (union-find for the components); the Beam step computes the same components with
 * distributed {@link StarContraction} rounds, so both give the same decisions.
 *
 * <p>The title is not part of the shingled text. A document without shingles (no word in it) is never a candidate:
 * it is its own cluster of one.
 */
public final class NearDedup implements Serializable {
  /** A removed near-duplicate. */
  public static final DropReason NEAR_DUPLICATE = DropReason.NEAR_DUPLICATE;
  /** The shard fields every written document gets. */
  public static final String CLUSTER_ID = "minhash_cluster_id";
  public static final String CLUSTER_SIZE = "minhash_cluster_size";

  /**
   * @param ngram words per shingle (FineWeb: 5)
   * @param bands LSH bands (FineWeb: 14)
   * @param rows MinHash values per band (FineWeb: 8)
   * @param seed seeds the hash functions
   * @param verify check each candidate edge's exact shingle Jaccard against {@code threshold}
   * @param threshold the Jaccard a verified edge needs
   * @param keep which member of a cluster is written
   * @param rounds large-star/small-star rounds the Beam step unrolls before its union-find fallback
   */
  public record Config(int ngram, int bands, int rows, long seed, boolean verify, double threshold, KeepRule keep,
      int rounds) implements Serializable {
    public Config {
      if (ngram < 1) {
        throw new IllegalArgumentException("ngram must be 1 or more, not " + ngram);
      }
      if (bands < 1 || rows < 1) {
        throw new IllegalArgumentException("bands and rows must be 1 or more, not " + bands + " × " + rows);
      }
      if (!(threshold >= 0 && threshold <= 1)) {
        throw new IllegalArgumentException("threshold must be within [0, 1], not " + threshold);
      }
      if (rounds < 0 || rounds > 64) {
        throw new IllegalArgumentException("rounds must be within [0, 64], not " + rounds);
      }
    }

    /** FineWeb's parameters: 5-grams, 14 bands × 8 rows, no Jaccard check, keep the first. */
    public static Config fineweb() {
      return new Config(5, 14, 8, 1, false, 0.8, KeepRule.FIRST, 8);
    }
  }

  /**
   * A document as near-dedup sees it.
   *
   * @param bandKeys its LSH keys (none when it has no shingle)
   * @param shingleSet its distinct shingles, sorted (only kept when candidates are verified; else null)
   */
  public record Fingerprint(long[] bandKeys, long[] shingleSet) implements Serializable {
    public boolean hasShingles() {
      return bandKeys.length > 0;
    }
  }

  /** What a decision did to a document: the kept copy with its cluster fields, or its drop. */
  public record Outcome(Document kept, Drop dropped) {}

  /**
   * The in-memory run's decisions (one per document, in input order) and what it counted.
   *
   * @param candidateEdges distinct (member, bucket-first) edges from shared band keys
   * @param edges those that passed the Jaccard check (all of them without {@code verify})
   */
  public record Result(List<Decision> decisions, long candidateEdges, long edges, long clusters, long removed) {}

  private final Config config;
  private final MinHasher hasher;

  public NearDedup(Config config) {
    this.config = config;
    this.hasher = new MinHasher(config.bands(), config.rows(), config.seed());
  }

  public Config config() {
    return config;
  }

  /** The fingerprint of a text. */
  public Fingerprint fingerprint(String text) {
    long[] shingles = Shingles.ofText(text, config.ngram());
    if (shingles.length == 0) {
      return new Fingerprint(new long[0], config.verify() ? new long[0] : null);
    }
    long[] keys = hasher.bandKeys(hasher.signature(shingles));
    return new Fingerprint(keys, config.verify() ? Shingles.sortedSet(shingles) : null);
  }

  /** What the Beam step hands clustering for a document. */
  public static Member member(Document d) {
    return new Member(d.ordinal(), d.id(), d.rawContent().length());
  }

  /**
   * The candidate edges of one LSH bucket: every member to the bucket's smallest ordinal (a star, n − 1 edges for n
   * members, not n²/2 pairs). Nothing for a bucket of one.
   */
  public static void bucketEdges(long[] ordinals, StarContraction.EdgeSink out) {
    if (ordinals.length < 2) {
      return;
    }
    long anchor = Long.MAX_VALUE;
    for (long o : ordinals) {
      anchor = Math.min(anchor, o);
    }
    for (long o : StarContraction.sortedDistinct(ordinals)) {
      if (o != anchor) {
        out.edge(o, anchor);
      }
    }
  }

  /** Whether a candidate edge between two shingle sets stands (always, without {@code verify}). */
  public boolean confirms(long[] setA, long[] setB) {
    return !config.verify() || Jaccard.of(setA, setB) >= config.threshold();
  }

  /** The document with its cluster fields, or its drop naming the document it duplicates. */
  public static Outcome apply(Document d, Decision dec) {
    if (!dec.keep()) {
      return new Outcome(null, new Drop(d.id(), d.url(), NEAR_DUPLICATE, "near-duplicate of " + dec.keptId()
          + " (cluster " + dec.clusterId() + ", " + dec.clusterSize() + " documents)"));
    }
    return new Outcome(d.withSignals(d.signals().with(CLUSTER_ID, dec.clusterId())
        .with(CLUSTER_SIZE, dec.clusterSize())), null);
  }

  /** The whole algorithm in memory: one decision per document, in input order. */
  public Result run(List<Document> docs) {
    Map<Long, Member> members = new HashMap<>();
    Map<Long, long[]> sets = new HashMap<>();
    Map<Long, long[]> buckets = new HashMap<>(); // band key -> ordinals (slot 0: count)
    for (Document d : docs) {
      Fingerprint f = fingerprint(d.rawContent());
      if (!f.hasShingles()) {
        continue;
      }
      members.put(d.ordinal(), member(d));
      if (config.verify()) {
        sets.put(d.ordinal(), f.shingleSet());
      }
      for (long k : f.bandKeys()) {
        long[] b = buckets.get(k);
        if (b == null) {
          b = new long[] {0, 0};
        } else if (b[0] + 1 == b.length) {
          b = Arrays.copyOf(b, b.length * 2);
        }
        b[(int) ++b[0]] = d.ordinal();
        buckets.put(k, b);
      }
    }
    Set<List<Long>> candidates = new LinkedHashSet<>();
    for (long[] b : buckets.values()) {
      bucketEdges(Arrays.copyOfRange(b, 1, (int) b[0] + 1), (x, y) -> candidates.add(List.of(x, y)));
    }
    MinUnionFind uf = new MinUnionFind();
    long edges = 0;
    for (List<Long> e : candidates) {
      if (!config.verify() || confirms(sets.get(e.get(0)), sets.get(e.get(1)))) {
        uf.union(e.get(0), e.get(1));
        edges++;
      }
    }
    Map<Long, Long> roots = uf.roots();
    Map<Long, ClusterSummary> clusters = new HashMap<>();
    roots.forEach((node, root) -> clusters.merge(root, ClusterSummary.of(members.get(node)),
        (a, b) -> a.merge(b, config.keep())));
    List<Decision> out = new ArrayList<>(docs.size());
    long removed = 0;
    for (Document d : docs) {
      Long root = roots.get(d.ordinal());
      Decision dec = root == null ? Decision.singleton(d.id()) : clusters.get(root).decide(members.get(d.ordinal()));
      removed += dec.keep() ? 0 : 1;
      out.add(dec);
    }
    return new Result(out, candidates.size(), edges, clusters.size(), removed);
  }
}
