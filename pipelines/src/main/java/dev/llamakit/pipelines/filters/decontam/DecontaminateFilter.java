package dev.llamakit.pipelines.filters.decontam;

import dev.llamakit.pipelines.decontam.BenchmarkItem;
import dev.llamakit.pipelines.decontam.BenchmarkSource;
import dev.llamakit.pipelines.decontam.GramHash;
import dev.llamakit.pipelines.decontam.JanitorCut;
import dev.llamakit.pipelines.decontam.NgramIndex;
import dev.llamakit.pipelines.decontam.NgramRule;
import dev.llamakit.pipelines.decontam.SharedIndexes;
import dev.llamakit.pipelines.decontam.Words;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Benchmark decontamination: a document that shares a word n-gram with a benchmark item (MMLU, GSM8k, HumanEval,
 * ARC, or a user's JSONL) is dropped as {@code CONTAMINATED}, or — with {@code action: cut}, GPT-3's rule as
 * lm-evaluation-harness's janitor applies it — the matched n-grams are cut out with {@code window} characters on each
 * side, pieces longer than {@code min_slice} kept (joined by line breaks), and the document dropped when more than
 * {@code too_dirty} n-grams matched or nothing long enough remains.
 *
 * <p>{@code rule: janitor} (default) normalises as the janitor does and uses 13-grams; {@code rule: datatrove} as
 * datatrove's {@code NGramsDecontFilter}, 12-grams (any hit drops the document); {@code ngram} overrides the length.
 * N-grams that more than {@code max_item_frequency} benchmark items share are ignored as common phrasing. The
 * benchmark files are read once on the driver (a bad file fails before the run, naming file and row) and indexed in
 * Lucene once per worker process ({@link SharedIndexes}).
 *
 * <p>Signals: {@code contamination_ngrams} (matched n-gram positions) and {@code contaminated_by} (the matched
 * items, {@code benchmark:id}, first 20 in benchmark order). With {@code signals_only: true} (and the default
 * {@code action: drop}) documents are tagged instead of removed.
 */
public final class DecontaminateFilter implements DocumentFilter {
  /** Dropped: the document shares an n-gram with a benchmark item (or, with {@code cut}, too many, or too much). */
  public static final DropReason CONTAMINATED = DropReason.of("CONTAMINATED");
  /** Signal: how many of the document's n-gram positions matched. */
  public static final String NGRAMS = "contamination_ngrams";
  /** Signal: the matched items as {@code benchmark:id}. */
  public static final String ITEMS = "contaminated_by";
  private static final int MAX_LISTED = 20;

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** Built-in names (under {@code data}) or {@code name=FILE} (a built-in's file, or a JSONL of your own). */
    public List<String> benchmarks = new ArrayList<>(BenchmarkSource.builtins());
    /** The benchmark data folder (eval's layout); empty for {@code $LLAMAKIT_DATA}. */
    public String data = "";
    /** Text field of a user's JSONL benchmark. */
    public String field = "question";
    /** Id field of a user's JSONL benchmark (rows without it are numbered from 0). */
    public String idField = "id";
    /** {@code janitor} (lm-eval / GPT-3, 13-grams) or {@code datatrove} (12-grams). */
    public String rule = "janitor";
    /** N-gram length in words; 0 for the rule's own. */
    public int ngram = 0;
    /** {@code drop} the document, or {@code cut} the matches out as the janitor does. */
    public String action = "drop";
    /** {@code cut}: characters removed on each side of a match (janitor: 200). */
    public int window = 200;
    /** {@code cut}: pieces must be longer than this to be kept (janitor: 200). */
    public int minSlice = 200;
    /** {@code cut}: more matched n-grams than this drop the document (janitor: 10). */
    public int tooDirty = 10;
    /** N-grams shared by more benchmark items than this are ignored; 0 for no limit. */
    public int maxItemFrequency = 10;
  }

  private final List<BenchmarkSource> sources;
  private final NgramRule rule;
  private final int n;
  private final boolean cut;
  private final JanitorCut janitor;
  private final int maxItemFrequency;
  private transient NgramIndex index;
  private transient ThreadLocal<NgramIndex.Searcher> searchers;

  public DecontaminateFilter(Params p) {
    this.rule = NgramRule.of(p.rule);
    this.n = p.ngram == 0 ? rule.defaultN() : p.ngram;
    if (n < 1) {
      throw new IllegalArgumentException("ngram must be 0 (the rule's own) or a length of 1 or more, not " + p.ngram);
    }
    this.cut = switch (p.action) {
      case "drop" -> false;
      case "cut" -> true;
      default -> throw new IllegalArgumentException("action must be drop or cut, not '" + p.action + "'");
    };
    if (p.benchmarks == null || p.benchmarks.isEmpty()) {
      throw new IllegalArgumentException("benchmarks must name at least one benchmark");
    }
    this.janitor = new JanitorCut(p.window, p.minSlice, p.tooDirty);
    this.maxItemFrequency = p.maxItemFrequency;
    Path dataDir = BenchmarkSource.dataDir(p.data);
    List<BenchmarkSource> s = new ArrayList<>();
    for (String spec : p.benchmarks) {
      s.add(BenchmarkSource.parse(spec, dataDir, p.field, p.idField));
    }
    this.sources = List.copyOf(s);
    // On the driver: read and index now, so a bad benchmark file fails before the run (and the embedded runner's
    // workers, in this JVM, find the index built).
    SharedIndexes.get(sources, rule, n, maxItemFrequency);
  }

  @Override
  public void open() {
    index = SharedIndexes.get(sources, rule, n, maxItemFrequency);
    NgramIndex i = index;
    searchers = ThreadLocal.withInitial(i::searcher);
  }

  @Override
  public Verdict apply(Document d) {
    Words w = rule.words(d.rawContent());
    NgramIndex.Searcher s = searchers.get();
    long[] h = GramHash.words(w);
    TreeSet<Integer> items = null;
    List<int[]> spans = null;
    int firstAt = -1;
    int firstItem = -1;
    for (int i = 0; i < w.grams(n); i++) {
      int[] hits = s.items(h, i);
      if (hits == null) {
        continue;
      }
      if (items == null) {
        items = new TreeSet<>();
        spans = new ArrayList<>();
        firstAt = i;
        firstItem = hits[0];
      }
      for (int hit : hits) {
        items.add(hit);
      }
      spans.add(new int[] {w.start()[i], w.end()[i + n - 1] - 1});
    }
    if (items == null) {
      return Verdict.keep();
    }
    List<String> keys = new ArrayList<>();
    for (int item : items) {
      if (keys.size() == MAX_LISTED) {
        break;
      }
      keys.add(index.item(item).key());
    }
    BenchmarkItem first = index.item(firstItem);
    String detail = String.format(Locale.ROOT, "%d-gram '%s' of %s; %d n-grams matched, %d items", n,
        w.gram(firstAt, n), first.key(), spans.size(), items.size());
    if (cut) {
      JanitorCut.Outcome o = janitor.apply(d.rawContent(), spans);
      if (o.tooDirty() || o.pieces().isEmpty()) {
        String why = o.tooDirty() ? "too dirty (more than the cut limit of matches): " : "nothing left after cutting: ";
        return Verdict.drop(CONTAMINATED, why + detail).signal(NGRAMS, (long) spans.size()).signal(ITEMS, keys);
      }
      String content = String.join("\n", o.pieces());
      int lines = 1 + (int) content.chars().filter(c -> c == '\n').count();
      return Verdict.keep(d.withContent(content, lines, content.codePointCount(0, content.length())))
          .signal(NGRAMS, (long) spans.size()).signal(ITEMS, keys);
    }
    return Verdict.drop(CONTAMINATED, detail).signal(NGRAMS, (long) spans.size()).signal(ITEMS, keys);
  }

  @Override
  public void close() {
    index = null;
    searchers = null;
  }
}
