package dev.llamakit.pipelines.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.llamakit.engine.io.AtomicFile;
import dev.llamakit.pipelines.doc.MetricNames;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;

/**
 * What a pipeline run did, from its Beam metrics: documents read, written and dropped per reason (and whether
 * read = written + dropped holds), what line dedup removed, per-language counts and mean scores, and throughput.
 * Written as {@code report.json} (temporary name, then rename) and printed as a summary.
 */
public final class RunReport {
  private final Map<String, Long> counters;
  private final Map<String, DistributionResult> distributions;
  private final Map<String, Object> extra = new LinkedHashMap<>();
  private final double wallSeconds;
  private final int cores;

  private RunReport(Map<String, Long> counters, Map<String, DistributionResult> distributions, double wallSeconds,
      int cores) {
    this.counters = counters;
    this.distributions = distributions;
    this.wallSeconds = wallSeconds;
    this.cores = cores;
  }

  /** Sums llamakit's counters over all steps (attempted values where a runner has no committed ones). */
  public static RunReport from(MetricResults metrics, double wallSeconds, int cores) {
    MetricQueryResults q = metrics.allMetrics();
    Map<String, Long> c = new TreeMap<>();
    for (MetricResult<Long> r : q.getCounters()) {
      if (MetricNames.NAMESPACE.equals(r.getName().getNamespace())) {
        c.merge(r.getName().getName(), value(r), Long::sum);
      }
    }
    Map<String, DistributionResult> d = new TreeMap<>();
    for (MetricResult<DistributionResult> r : q.getDistributions()) {
      if (MetricNames.NAMESPACE.equals(r.getName().getNamespace())) {
        DistributionResult v = value(r);
        d.merge(r.getName().getName(), v, (a, b) -> DistributionResult.create(a.getSum() + b.getSum(),
            a.getCount() + b.getCount(), Math.min(a.getMin(), b.getMin()), Math.max(a.getMax(), b.getMax())));
      }
    }
    return new RunReport(c, d, wallSeconds, cores);
  }

  private static <T> T value(MetricResult<T> r) {
    try {
      return r.getCommitted();
    } catch (UnsupportedOperationException e) {
      return r.getAttempted();
    }
  }

  /** Adds a top-level section (configuration, output paths, ...). */
  public RunReport with(String key, Object value) {
    extra.put(key, value);
    return this;
  }

  public long counter(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /** Wall time of the run. */
  public double wallSeconds() {
    return wallSeconds;
  }

  public long read() {
    return counter(MetricNames.READ);
  }

  public long written() {
    return counter(MetricNames.WRITTEN);
  }

  public Map<String, Long> dropsByReason() {
    Map<String, Long> m = new LinkedHashMap<>();
    counters.forEach((k, n) -> {
      if (k.startsWith(MetricNames.DROP_PREFIX) && n > 0) {
        m.put(k.substring(MetricNames.DROP_PREFIX.length()), n);
      }
    });
    return m;
  }

  public long dropped() {
    return dropsByReason().values().stream().mapToLong(Long::longValue).sum();
  }

  /** read = written + dropped. */
  public boolean accountingHolds() {
    return read() == written() + dropped();
  }

  /** Per language: documents written and mean score. */
  public Map<String, Map<String, Object>> languages() {
    Map<String, Map<String, Object>> m = new TreeMap<>();
    counters.forEach((k, v) -> {
      if (k.startsWith("lang.") && k.endsWith(".documents")) {
        String lang = k.substring(5, k.length() - ".documents".length());
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("documents", v);
        DistributionResult s = distributions.get("lang." + lang + ".score_x100");
        if (s != null && s.getCount() > 0) {
          e.put("mean_score", Math.round((double) s.getSum() / s.getCount()) / 100.0);
        }
        m.put(lang, e);
      }
    });
    return m;
  }

  /** Per language: documents written per perplexity bucket, and the mean perplexity of those with one. */
  public Map<String, Map<String, Object>> buckets() {
    Map<String, Map<String, Object>> m = new TreeMap<>();
    counters.forEach((k, v) -> {
      if (k.startsWith("bucket.")) {
        int dot = k.lastIndexOf('.');
        String lang = k.substring("bucket.".length(), dot);
        m.computeIfAbsent(lang, x -> new LinkedHashMap<>()).put(k.substring(dot + 1), v);
      }
    });
    distributions.forEach((k, d) -> {
      if (k.startsWith("perplexity.") && k.endsWith(".x10") && d.getCount() > 0) {
        String lang = k.substring("perplexity.".length(), k.length() - ".x10".length());
        Map<String, Object> e = m.computeIfAbsent(lang, x -> new LinkedHashMap<>());
        e.put("mean_perplexity", Math.round((double) d.getSum() / d.getCount()) / 10.0);
        e.put("documents_with_perplexity", d.getCount());
      }
    });
    return m;
  }

  /** Documents that signals-only rules would have dropped, per reason. */
  public Map<String, Long> wouldDrop() {
    Map<String, Long> m = new LinkedHashMap<>();
    counters.forEach((k, n) -> {
      if (k.startsWith(MetricNames.WOULD_DROP_PREFIX) && n > 0) {
        m.put(k.substring(MetricNames.WOULD_DROP_PREFIX.length()), n);
      }
    });
    return m;
  }

  /** The distribution of safety scores over tagged documents: mean and a ten-bin histogram. */
  public Map<String, Object> safety() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents_tagged", counter(MetricNames.SAFETY_TAGGED));
    m.put("documents_written_untagged", written() - counter(MetricNames.SAFETY_TAGGED));
    DistributionResult d = distributions.get(MetricNames.SAFETY_SCORE_X1000);
    if (d != null && d.getCount() > 0) {
      m.put("mean_score", Math.round((double) d.getSum() / d.getCount()) / 1000.0);
      m.put("max_score", d.getMax() / 1000.0);
    }
    Map<String, Long> bins = new LinkedHashMap<>();
    for (int b = 0; b < 10; b++) {
      bins.put(String.format("%.1f-%.1f", b / 10.0, (b + 1) / 10.0), counter(MetricNames.safetyBin(b)));
    }
    m.put("histogram", bins);
    return m;
  }

  /**
   * What the document-level dedup steps counted besides their drops (only the counters that are not zero): groups of
   * duplicates, documents passed for having no URL or no content, book pairs compared and shingles capped.
   */
  public Map<String, Long> documentDedup() {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String name : List.of(MetricNames.DEDUP_EXACT_GROUPS, MetricNames.DEDUP_EXACT_EMPTY,
        MetricNames.DEDUP_URLS_GROUPS, MetricNames.DEDUP_URLS_NO_URL, MetricNames.DEDUP_BOOKS_PAIRS,
        MetricNames.DEDUP_BOOKS_CAPPED_SHINGLES, MetricNames.DEDUP_BOOKS_TOO_SHORT)) {
      if (counter(name) > 0) {
        m.put(name, counter(name));
      }
    }
    return m;
  }

  /** What the minhash step counted: documents, candidate edges, clusters, and what the fallback had to finish. */
  public Map<String, Object> nearDedup() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", counter(MetricNames.MINHASH_DOCUMENTS));
    m.put("documents_without_shingles", counter(MetricNames.MINHASH_NO_SHINGLES));
    m.put("candidate_edges", counter(MetricNames.MINHASH_CANDIDATE_EDGES));
    m.put("rejected_edges", counter(MetricNames.MINHASH_REJECTED_EDGES));
    m.put("clusters", counter(MetricNames.MINHASH_CLUSTERS));
    m.put("documents_in_clusters", counter(MetricNames.MINHASH_CLUSTERED_DOCUMENTS));
    m.put("removed", dropsByReason().getOrDefault("NEAR_DUPLICATE", 0L));
    m.put("residual_edges", counter(MetricNames.MINHASH_RESIDUAL_EDGES));
    return m;
  }

  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, Object> docs = new LinkedHashMap<>();
    docs.put("read", read());
    docs.put("written", written());
    docs.put("dropped", dropped());
    docs.put("dropped_by_reason", dropsByReason());
    m.put("documents", docs);
    Map<String, Object> accounting = new LinkedHashMap<>(); // not Map.of: its order changes from one JVM to the next
    accounting.put("holds", accountingHolds());
    accounting.put("read", read());
    accounting.put("written_plus_dropped", written() + dropped());
    m.put("accounting", accounting);
    Map<String, Object> dedup = new LinkedHashMap<>();
    long in = counter(MetricNames.DEDUP_LINES_IN);
    dedup.put("lines_in", in);
    dedup.put("lines_removed", counter(MetricNames.DEDUP_LINES_REMOVED));
    dedup.put("fraction_lines_removed", in == 0 ? 0.0 : Math.round(1e4 * counter(MetricNames.DEDUP_LINES_REMOVED) / in) / 1e4);
    dedup.put("chars_removed", counter(MetricNames.DEDUP_CHARS_REMOVED));
    m.put("dedup", dedup);
    if (!documentDedup().isEmpty()) {
      m.put("document_dedup", documentDedup());
    }
    if (counter(MetricNames.MINHASH_DOCUMENTS) > 0) {
      m.put("near_dedup", nearDedup());
    }
    m.put("languages", languages());
    if (!buckets().isEmpty()) {
      m.put("buckets", buckets());
    }
    if (!wouldDrop().isEmpty()) {
      m.put("would_drop", wouldDrop());
    }
    if (counter(MetricNames.SAFETY_TAGGED) > 0) {
      m.put("safety", safety());
    }
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("files", counter(MetricNames.FILES));
    input.put("bytes", counter(MetricNames.BYTES_READ));
    input.put("warcinfo_records", counter(MetricNames.WARCINFO));
    m.put("input", input);
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("wall_seconds", Math.round(wallSeconds * 100) / 100.0);
    t.put("cores", cores);
    t.put("documents_per_second", rate(read()));
    t.put("documents_per_second_per_core", rate(read()) / cores);
    t.put("input_mb_per_second", Math.round(counter(MetricNames.BYTES_READ) / 1e6 / Math.max(wallSeconds, 1e-9) * 100) / 100.0);
    m.put("throughput", t);
    m.putAll(extra);
    return m;
  }

  private double rate(long n) {
    return Math.round(n / Math.max(wallSeconds, 1e-9) * 10) / 10.0;
  }

  /** Writes the report as JSON under a temporary name, then renames it into place. */
  /** The report as indented JSON (what {@link #writeTo} writes). */
  public byte[] toJson() throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toMap());
  }

  public void writeTo(Path file) throws IOException {
    AtomicFile.writeBytes(file, toJson());
  }

  /** What a wrong input format looks like, by the drop reason it causes: the hint for an empty output. */
  private static final Map<String, String> FORMAT_HINTS = Map.of(
      "WET_RECORD_IN_WARC", "WET conversion records read as WARC: use format wet (--set read.format=wet)",
      "NOT_CONVERSION", "WARC records read as WET: for WARC files of pages use format warc (--set read.format=warc)",
      "NOT_HTML", "no HTML responses");

  /**
   * Why a run wrote nothing, in one line ("0 documents written: 47 of 47 records were dropped as ..."), or null when
   * it wrote something.
   */
  public String whyEmpty() {
    if (written() > 0) {
      return null;
    }
    long meta = counter(MetricNames.WARCINFO);
    if (read() == 0) {
      return "0 documents: " + counter(MetricNames.FILES) + " file(s) held no records of documents"
          + (meta > 0 ? " (" + meta + " metadata records: warcinfo, request or metadata; no HTML responses)" : "");
    }
    Map.Entry<String, Long> top = null;
    for (Map.Entry<String, Long> e : dropsByReason().entrySet()) {
      if (top == null || e.getValue() > top.getValue()) {
        top = e;
      }
    }
    if (top == null) {
      return null;
    }
    String hint = FORMAT_HINTS.get(top.getKey());
    return "0 documents written: " + top.getValue() + " of " + read() + " records were dropped as " + top.getKey()
        + (hint != null ? " — " + hint : "");
  }

  /** A human summary. */
  public void print(PrintStream out) {
    out.printf("documents: %,d read, %,d written, %,d dropped%n", read(), written(), dropped());
    String empty = whyEmpty();
    if (empty != null) {
      out.println(empty);
    }
    dropsByReason().forEach((r, n) -> out.printf("  dropped %-24s %,d%n", r, n));
    out.printf("accounting: read = written + dropped %s%n", accountingHolds() ? "holds" : "DOES NOT HOLD");
    long in = counter(MetricNames.DEDUP_LINES_IN);
    out.printf("dedup: %,d of %,d lines removed (%.1f%%), %,d characters%n", counter(MetricNames.DEDUP_LINES_REMOVED), in,
        in == 0 ? 0.0 : 100.0 * counter(MetricNames.DEDUP_LINES_REMOVED) / in, counter(MetricNames.DEDUP_CHARS_REMOVED));
    if (!documentDedup().isEmpty()) {
      out.printf("document dedup: %s%n", documentDedup());
    }
    if (counter(MetricNames.MINHASH_DOCUMENTS) > 0) {
      out.printf("near-dedup: %,d clusters of 2 or more holding %,d of %,d documents, %,d removed; %,d candidate "
          + "edges (%,d rejected by the Jaccard check), %,d left to the union-find fallback%n",
          counter(MetricNames.MINHASH_CLUSTERS), counter(MetricNames.MINHASH_CLUSTERED_DOCUMENTS),
          counter(MetricNames.MINHASH_DOCUMENTS), dropsByReason().getOrDefault("NEAR_DUPLICATE", 0L),
          counter(MetricNames.MINHASH_CANDIDATE_EDGES), counter(MetricNames.MINHASH_REJECTED_EDGES),
          counter(MetricNames.MINHASH_RESIDUAL_EDGES));
    }
    languages().forEach((l, e) -> out.printf("  %-6s %,8d documents, mean score %s%n", l, e.get("documents"),
        e.getOrDefault("mean_score", "-")));
    buckets().forEach((l, e) -> out.printf("  %-6s buckets %s%n", l, e));
    wouldDrop().forEach((r, n) -> out.printf("  signals only: %,d would be dropped as %s%n", n, r));
    if (counter(MetricNames.SAFETY_TAGGED) > 0) {
      out.printf("safety: %,d documents tagged (%,d written untagged: languages the classifier does not cover), "
          + "score histogram %s%n", counter(MetricNames.SAFETY_TAGGED), written() - counter(MetricNames.SAFETY_TAGGED),
          safety().get("histogram"));
    }
    out.printf("time: %.1f s, %,.0f documents/s (%,.0f per core), %.2f MB/s of input%n", wallSeconds, rate(read()),
        rate(read()) / cores, counter(MetricNames.BYTES_READ) / 1e6 / Math.max(wallSeconds, 1e-9));
  }
}
