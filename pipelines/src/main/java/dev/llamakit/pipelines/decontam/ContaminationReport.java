package dev.llamakit.pipelines.decontam;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Llama 2's contamination analysis (paper App. A.6) on word n-grams: a benchmark item's token is contaminated when it
 * lies inside a match of at least {@code n} consecutive words that also occurs in the corpus; the item's coverage is
 * the fraction of its words so covered, and its {@link LlamaSubset}s follow from that. A match of length L &gt;= n is
 * the union of its n-gram matches, so covering by matched n-grams gives exactly the words covered by matches of length
 * n or more. Words are the {@link NgramRule}'s (not a model's tokens); Llama 2's skip-gram budget (up to 4
 * mismatching tokens inside a match) is not applied, so coverage here is that of exact matches.
 *
 * <pre>{@code
 * ContaminationReport r = new ContaminationReport(NgramIndex.build(items, NgramRule.JANITOR, 13, 0));
 * corpus.parallelStream().forEach(r::scan);            // thread-safe
 * List<ContaminationReport.ItemCoverage> c = r.coverage();
 * ContaminationReport.writeJsonl(c, Path.of("contamination.jsonl"));
 * System.out.print(ContaminationReport.summary(c));
 * }</pre>
 */
public final class ContaminationReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final NgramIndex index;
  private final Set<Long> matched = ConcurrentHashMap.newKeySet();
  private final ThreadLocal<NgramIndex.Searcher> searchers;
  private final AtomicLong documents = new AtomicLong();

  /** A report over {@code index}, whose n-gram length is the minimum match length. */
  public ContaminationReport(NgramIndex index) {
    this.index = index;
    this.searchers = ThreadLocal.withInitial(index::searcher);
  }

  /**
   * One item's result.
   *
   * @param item the benchmark item
   * @param tokens its words
   * @param covered words inside a match of at least n words
   * @param coverage covered / tokens (0 for an item without words)
   * @param subsets the Llama 2 subsets it is in
   */
  public record ItemCoverage(BenchmarkItem item, int tokens, int covered, double coverage, List<String> subsets) {}

  /** Marks the item n-grams that occur in one corpus document; may be called from several threads. */
  public void scan(String text) {
    documents.incrementAndGet();
    Words w = index.rule().words(text);
    NgramIndex.Searcher s = searchers.get();
    int n = index.n();
    long[] h = GramHash.words(w);
    for (int i = 0; i < w.grams(n); i++) {
      long g = GramHash.gram(h, i, n);
      if (s.items(g) != null) {
        matched.add(g);
      }
    }
  }

  /** Corpus documents scanned. */
  public long documents() {
    return documents.get();
  }

  /** Every item's coverage, in item order. */
  public List<ItemCoverage> coverage() {
    int n = index.n();
    List<ItemCoverage> out = new ArrayList<>(index.items().size());
    for (BenchmarkItem item : index.items()) {
      Words w = index.rule().words(item.text());
      long[] h = GramHash.words(w);
      boolean[] hit = new boolean[w.size()];
      for (int i = 0; i < w.grams(n); i++) {
        if (matched.contains(GramHash.gram(h, i, n))) {
          java.util.Arrays.fill(hit, i, i + n, true);
        }
      }
      int covered = 0;
      for (boolean b : hit) {
        covered += b ? 1 : 0;
      }
      double c = w.size() == 0 ? 0 : (double) covered / w.size();
      out.add(new ItemCoverage(item, w.size(), covered, c, LlamaSubset.of(c)));
    }
    return out;
  }

  /**
   * Writes one JSON line per item — {@code benchmark, id, tokens, covered, coverage, subsets} — to {@code file}
   * (through a temporary file, renamed when complete). {@code llamakit eval run --contamination FILE --subset S}
   * reads it.
   */
  public static void writeJsonl(List<ItemCoverage> items, Path file) throws IOException {
    AtomicFile.writeText(file, w -> {
      for (ItemCoverage c : items) {
        ObjectNode o = JSON.createObjectNode();
        o.put("benchmark", c.item().benchmark());
        o.put("id", c.item().id());
        o.put("tokens", c.tokens());
        o.put("covered", c.covered());
        o.put("coverage", Math.round(c.coverage() * 1e6) / 1e6);
        o.putArray("subsets").addAll(c.subsets().stream().map(JSON.getNodeFactory()::textNode).toList());
        w.write(JSON.writeValueAsString(o));
        w.write('\n');
      }
    });
  }

  /** Per benchmark: items, the count in each subset, and the mean coverage, as a printed table. */
  public static String summary(List<ItemCoverage> items) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    Map<String, Double> sums = new LinkedHashMap<>();
    for (ItemCoverage c : items) {
      long[] k = counts.computeIfAbsent(c.item().benchmark(), b -> new long[1 + LlamaSubset.values().length]);
      k[0]++;
      for (LlamaSubset s : LlamaSubset.values()) {
        if (s.contains(c.coverage())) {
          k[1 + s.ordinal()]++;
        }
      }
      sums.merge(c.item().benchmark(), c.coverage(), Double::sum);
    }
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %8s %8s %10s %10s %8s %9s%n", "benchmark",
        "items", "clean", "not-clean", "not-dirty", "dirty", "mean cov"));
    counts.forEach((b, k) -> sb.append(String.format(Locale.ROOT, "%-16s %,8d %,8d %,10d %,10d %,8d %8.2f%%%n", b,
        k[0], k[1], k[2], k[3], k[4], 100 * sums.get(b) / k[0])));
    return sb.toString();
  }
}
