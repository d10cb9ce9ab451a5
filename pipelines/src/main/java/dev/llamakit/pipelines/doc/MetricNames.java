package dev.llamakit.pipelines.doc;

/**
 * Every metric name the pipelines count, in one place: the Beam steps count under these names (namespace
 * {@link #NAMESPACE}) and the run report reads them back.
 */
public final class MetricNames {
  private MetricNames() {}

  /** Namespace of every llamakit metric. */
  public static final String NAMESPACE = "llamakit";
  /** Documents (and bad records) read. */
  public static final String READ = "read";
  /** Documents written to shards. */
  public static final String WRITTEN = "written";
  /** Input files opened. */
  public static final String FILES = "files";
  /** Input bytes read. */
  public static final String BYTES_READ = "bytes.read";
  /** WARC warcinfo records (metadata, not documents). */
  public static final String WARCINFO = "records.warcinfo";
  /** Prefix of the per-reason drop counters: {@code drop.<REASON>}. */
  public static final String DROP_PREFIX = "drop.";
  /** Lines seen by line dedup. */
  public static final String DEDUP_LINES_IN = "dedup.lines_in";
  /** Lines removed by line dedup. */
  public static final String DEDUP_LINES_REMOVED = "dedup.lines_removed";
  /** Characters removed by line dedup. */
  public static final String DEDUP_CHARS_REMOVED = "dedup.chars_removed";
  /** Documents exact dedup passed because their normalised content is empty. */
  public static final String DEDUP_EXACT_EMPTY = "dedup_exact.empty";
  /** Normalised contents shared by two or more documents (each group keeps one). */
  public static final String DEDUP_EXACT_GROUPS = "dedup_exact.groups";
  /** Documents URL dedup passed because they have no URL. */
  public static final String DEDUP_URLS_NO_URL = "dedup_urls.no_url";
  /** Normalised URLs shared by two or more documents (each group keeps one). */
  public static final String DEDUP_URLS_GROUPS = "dedup_urls.groups";
  /** Documents book dedup never compared: fewer words than one shingle. */
  public static final String DEDUP_BOOKS_TOO_SHORT = "dedup_books.too_short";
  /** Distinct shingles book dedup ignored for being in more documents than its cap. */
  public static final String DEDUP_BOOKS_CAPPED_SHINGLES = "dedup_books.capped_shingles";
  /** Ordered document pairs whose overlap book dedup computed. */
  public static final String DEDUP_BOOKS_PAIRS = "dedup_books.pairs";
  /** Documents the minhash step fingerprinted. */
  public static final String MINHASH_DOCUMENTS = "minhash.documents";
  /** Documents without a single word (own singleton clusters). */
  public static final String MINHASH_NO_SHINGLES = "minhash.no_shingles";
  /** Distinct candidate edges (member, bucket-first) from shared LSH band keys. */
  public static final String MINHASH_CANDIDATE_EDGES = "minhash.candidate_edges";
  /** Candidate edges that failed the Jaccard check ({@code verify: true}). */
  public static final String MINHASH_REJECTED_EDGES = "minhash.rejected_edges";
  /** Edges the union-find fallback had to finish after the large-star/small-star rounds (0 when they converged). */
  public static final String MINHASH_RESIDUAL_EDGES = "minhash.residual_edges";
  /** Near-duplicate clusters of two or more documents. */
  public static final String MINHASH_CLUSTERS = "minhash.clusters";
  /** Documents in clusters of two or more. */
  public static final String MINHASH_CLUSTERED_DOCUMENTS = "minhash.clustered_documents";

  /** Documents tagged by the safety classifier. */
  public static final String SAFETY_TAGGED = "safety.tagged";
  /** Distribution of safety scores times 1000. */
  public static final String SAFETY_SCORE_X1000 = "safety.score_x1000";

  /** Prefix of the counters of signals-only verdicts: {@code would_drop.<REASON>}. */
  public static final String WOULD_DROP_PREFIX = "would_drop.";

  /** Documents a signals-only rule would have dropped under {@code reason}. */
  public static String wouldDrop(String reason) {
    return WOULD_DROP_PREFIX + reason;
  }

  /** Counter of the safety-score histogram bin {@code b} (0..9). */
  public static String safetyBin(int b) {
    return "safety.bin." + b;
  }

  /** Documents written in a language (its output folder). */
  public static String languageDocuments(String lang) {
    return "lang." + lang + ".documents";
  }

  /** Distribution of language scores times 100 in a language. */
  public static String languageScore(String lang) {
    return "lang." + lang + ".score_x100";
  }

  /** Documents written in a language and perplexity bucket. */
  public static String bucketDocuments(String lang, String bucket) {
    return "bucket." + lang + "." + bucket;
  }

  /** Distribution of perplexities (times 10, rounded) in a language. */
  public static String perplexity(String lang) {
    return "perplexity." + lang + ".x10";
  }

  /** Documents of one output group ({@code <lang>} or {@code <lang>_<bucket>}). */
  public static String group(String group) {
    return "group." + group;
  }
}
