package dev.llamakit.pipelines.filters.gopher;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The implementation of {@code gopher_repetition} before it was made faster (substrings and string sets for
 * lines and paragraphs, one hash table of n-gram hashes per n), kept verbatim as the reference that
 * {@link GopherRepetitionEquivalenceTest} compares the fast one against.
 */
/**
 * The repetition rules of the Gopher paper (Rae et al. 2021, appendix A.1.1, table A1): duplicate lines and
 * paragraphs (share of elements, share of characters), the share of characters in the most frequent 2-, 3- and
 * 4-gram, and the share of characters in duplicated 5- to 10-grams. All values are measured and reported as
 * signals; the first one over its threshold, in that order, names the reason.
 *
 * <p>Lines are the non-empty pieces between {@code \n}; paragraphs the pieces of the stripped text between runs
 * of two or more {@code \n}; a duplicate is an element equal to an earlier one (copies beyond the first, as in
 * datatrove), its characters counted against the text's length. Words are whitespace-separated.
 * N-gram shares depend on {@code ngram_method}, see {@link RefNgramRepetition}.
 */
final class ReferenceGopherRepetition implements DocumentFilter {
  static final DropReason DUPLICATE_LINES = GopherRepetitionFilter.DUPLICATE_LINES;
  static final DropReason DUPLICATE_PARAGRAPHS = GopherRepetitionFilter.DUPLICATE_PARAGRAPHS;
  static final DropReason DUPLICATE_LINE_CHARS = GopherRepetitionFilter.DUPLICATE_LINE_CHARS;
  static final DropReason DUPLICATE_PARAGRAPH_CHARS = GopherRepetitionFilter.DUPLICATE_PARAGRAPH_CHARS;
  static final DropReason TOP_NGRAM_CHARS = GopherRepetitionFilter.TOP_NGRAM_CHARS;
  static final DropReason DUPLICATE_NGRAM_CHARS = GopherRepetitionFilter.DUPLICATE_NGRAM_CHARS;


  private final GopherRepetitionFilter.Params p;
  private final RefNgramRepetition ngrams;

  ReferenceGopherRepetition(GopherRepetitionFilter.Params p) {
    this.p = p;
    this.ngrams = new RefNgramRepetition(switch (p.ngramMethod) {
      case "paper" -> false;
      case "datatrove" -> true;
      default -> throw new IllegalArgumentException("ngram_method must be 'paper' or 'datatrove', not '"
          + p.ngramMethod + "'");
    });
    for (List<Double> l : List.of(p.maxTopNgramCharFraction, p.maxDuplicateNgramCharFraction)) {
      if (l.stream().anyMatch(x -> x == null || x < 0)) {
        throw new IllegalArgumentException("n-gram thresholds must be numbers >= 0, got " + l);
      }
    }
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    int length = PyText.len(text);
    Duplicates para = Duplicates.of(paragraphs(PyText.strip(text)));
    Duplicates lines = Duplicates.of(lines(text));
    double paraFrac = GopherQualityFilter.ratio(para.elements, para.total);
    double paraChars = GopherQualityFilter.ratio(para.chars, length);
    double lineFrac = GopherQualityFilter.ratio(lines.elements, lines.total);
    double lineChars = GopherQualityFilter.ratio(lines.chars, length);
    RefNgramRepetition.Words words = RefNgramRepetition.Words.of(text);
    int nTop = p.maxTopNgramCharFraction.size();
    int nDup = p.maxDuplicateNgramCharFraction.size();
    double[] top = new double[nTop];
    double[] dup = new double[nDup];
    long[][] keys = RefNgramRepetition.keys(words, Math.max(nTop + 1, nDup + 4));
    for (int i = 0; i < nTop; i++) {
      top[i] = ngrams.topShare(words, keys[i + 2], i + 2, length);
    }
    for (int i = 0; i < nDup; i++) {
      dup[i] = ngrams.duplicateShare(words, keys[i + 5], i + 5, length);
    }
    Verdict v = decide(paraFrac, paraChars, lineFrac, lineChars, top, dup);
    v = v.signal("gopher_duplicate_paragraph_fraction", paraFrac)
        .signal("gopher_duplicate_paragraph_char_fraction", paraChars)
        .signal("gopher_duplicate_line_fraction", lineFrac).signal("gopher_duplicate_line_char_fraction", lineChars);
    for (int i = 0; i < nTop; i++) {
      v = v.signal("gopher_top_" + (i + 2) + "gram_char_fraction", top[i]);
    }
    for (int i = 0; i < nDup; i++) {
      v = v.signal("gopher_duplicate_" + (i + 5) + "gram_char_fraction", dup[i]);
    }
    return v;
  }

  private Verdict decide(double paraFrac, double paraChars, double lineFrac, double lineChars, double[] top,
      double[] dup) {
    if (paraFrac > p.maxDuplicateParagraphFraction) {
      return Verdict.drop(DUPLICATE_PARAGRAPHS, "duplicate paragraphs " + paraFrac + " > "
          + p.maxDuplicateParagraphFraction);
    }
    if (paraChars > p.maxDuplicateParagraphCharFraction) {
      return Verdict.drop(DUPLICATE_PARAGRAPH_CHARS, "characters in duplicate paragraphs " + paraChars + " > "
          + p.maxDuplicateParagraphCharFraction);
    }
    if (lineFrac > p.maxDuplicateLineFraction) {
      return Verdict.drop(DUPLICATE_LINES, "duplicate lines " + lineFrac + " > " + p.maxDuplicateLineFraction);
    }
    if (lineChars > p.maxDuplicateLineCharFraction) {
      return Verdict.drop(DUPLICATE_LINE_CHARS, "characters in duplicate lines " + lineChars + " > "
          + p.maxDuplicateLineCharFraction);
    }
    for (int i = 0; i < top.length; i++) {
      if (top[i] > p.maxTopNgramCharFraction.get(i)) {
        return Verdict.drop(TOP_NGRAM_CHARS, "characters in the top " + (i + 2) + "-gram " + top[i] + " > "
            + p.maxTopNgramCharFraction.get(i));
      }
    }
    for (int i = 0; i < dup.length; i++) {
      if (dup[i] > p.maxDuplicateNgramCharFraction.get(i)) {
        return Verdict.drop(DUPLICATE_NGRAM_CHARS, "characters in duplicate " + (i + 5) + "-grams " + dup[i]
            + " > " + p.maxDuplicateNgramCharFraction.get(i));
      }
    }
    return Verdict.keep();
  }

  /** Count of elements equal to an earlier one, their code points, and the element count. */
  record Duplicates(int elements, long chars, int total) {
    static Duplicates of(List<String> xs) {
      java.util.HashSet<String> seen = new java.util.HashSet<>();
      int dup = 0;
      long chars = 0;
      for (String x : xs) {
        if (!seen.add(x)) {
          dup++;
          chars += PyText.len(x);
        }
      }
      return new Duplicates(dup, chars, xs.size());
    }
  }

  static List<String> lines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '\n') {
        if (i > start) {
          out.add(text.substring(start, i));
        }
        start = i + 1;
      }
    }
    return out;
  }

  static List<String> paragraphs(String stripped) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int i = 0;
    int n = stripped.length();
    while (i < n) {
      if (stripped.charAt(i) == '\n' && i + 1 < n && stripped.charAt(i + 1) == '\n') {
        out.add(stripped.substring(start, i));
        while (i < n && stripped.charAt(i) == '\n') {
          i++;
        }
        start = i;
      } else {
        i++;
      }
    }
    out.add(stripped.substring(start));
    return out;
  }

  /**
   * The n-gram shares of the Gopher repetition rules, two ways.
   *
   * <p>{@code paper} (default; the paper's wording, and RedPajama-v2's definition for duplicated n-grams): the share of word characters
   * (whitespace excluded) in words covered by an occurrence of the most frequent n-gram (when it occurs at least
   * twice), or by any occurrence of an n-gram that occurs at least twice; a word covered by several overlapping
   * occurrences counts once ("taking care not to count characters that occur in overlapping n-grams more than
   * once").
   *
   * <p>{@code datatrove}: top n-gram = {@code len(" ".join(ngram)) * count / len(text)} (count 1 included);
   * duplicated n-grams = datatrove's greedy scan (an n-gram seen before adds its characters without spaces and
   * skips n words), over {@code len(text)}. One difference remains: datatrove compares n-grams as words joined
   * without a separator ({@code "ab c"} equals {@code "a bc"}); here they are compared word by word.
   */
  static final class RefNgramRepetition implements java.io.Serializable {
    private final boolean datatrove;

    RefNgramRepetition(boolean datatrove) {
      this.datatrove = datatrove;
    }

    /** The keys of the n-grams of {@code w} for every n up to {@code maxN}, each from the (n-1)-gram keys. */
    static long[][] keys(Words w, int maxN) {
      long[][] k = new long[maxN + 1][];
      long[] prev = w.hashes;
      for (int n = 2; n <= maxN; n++) {
        int grams = Math.max(0, w.count - n + 1);
        long[] cur = new long[grams];
        for (int i = 0; i < grams; i++) {
          long key = RefNgramCounts.mix(prev[i] * 0x9E3779B97F4A7C15L + w.hashes[i + n - 1] + n);
          cur[i] = key == 0 ? 1 : key;
        }
        k[n] = cur;
        prev = cur;
      }
      return k;
    }

    /** The document's whitespace words: hash and length in code points of each. */
    record Words(long[] hashes, int[] lengths, int count, long chars) {
      static Words of(String s) {
        int cap = Math.max(16, s.length() / 5);
        long[] h = new long[cap];
        int[] len = new int[cap];
        int count = 0;
        long chars = 0;
        int n = s.length();
        int i = 0;
        while (i < n) {
          while (i < n && PyText.isSpace(s.charAt(i))) {
            i++;
          }
          int start = i;
          int cps = 0;
          while (i < n && !PyText.isSpace(s.charAt(i))) {
            if (!Character.isLowSurrogate(s.charAt(i))) {
              cps++;
            }
            i++;
          }
          if (cps == 0) {
            break;
          }
          if (count == h.length) {
            h = java.util.Arrays.copyOf(h, count * 2);
            len = java.util.Arrays.copyOf(len, count * 2);
          }
          h[count] = RefNgramCounts.hash(s, start, i);
          len[count++] = cps;
          chars += cps;
        }
        return new Words(h, len, count, chars);
      }
    }

    /** The share of characters in the most frequent n-gram. */
    double topShare(Words w, long[] keys, int n, long textLength) {
      int grams = w.count - n + 1;
      if (grams <= 0) {
        return 0;
      }
      RefNgramCounts counts = new RefNgramCounts(grams);
      int best = -1;
      int bestCount = 0;
      for (int i = 0; i < grams; i++) {
        counts.add(keys[i]);
      }
      for (int i = 0; i < grams; i++) { // first-seen wins ties, like Counter.most_common
        int c = counts.count(keys[i]);
        if (c > bestCount) {
          best = i;
          bestCount = c;
        }
      }
      if (datatrove) {
        long chars = n - 1; // the joining spaces
        for (int j = best; j < best + n; j++) {
          chars += w.lengths[j];
        }
        return GopherQualityFilter.ratio(chars * bestCount, textLength);
      }
      if (bestCount < 2) {
        return 0;
      }
      boolean[] covered = new boolean[w.count];
      for (int i = 0; i < grams; i++) {
        if (keys[i] == keys[best]) {
          java.util.Arrays.fill(covered, i, i + n, true);
        }
      }
      return GopherQualityFilter.ratio(coveredChars(w, covered), w.chars);
    }

    /** The share of characters in duplicated n-grams. */
    double duplicateShare(Words w, long[] keys, int n, long textLength) {
      int grams = w.count - n + 1;
      if (grams <= 0) {
        return 0;
      }
      RefNgramCounts counts = new RefNgramCounts(grams);
      if (datatrove) {
        long repeated = 0;
        int i = 0;
        while (i < grams) {
          if (counts.addIfAbsent(keys[i])) {
            i++;
          } else {
            for (int j = i; j < i + n; j++) {
              repeated += w.lengths[j];
            }
            i += n;
          }
        }
        return GopherQualityFilter.ratio(repeated, textLength);
      }
      for (int i = 0; i < grams; i++) {
        counts.add(keys[i]);
      }
      boolean[] covered = new boolean[w.count];
      int coveredUpTo = 0; // words before this index are already marked
      for (int i = 0; i < grams; i++) {
        if (counts.count(keys[i]) > 1) {
          for (int j = Math.max(i, coveredUpTo); j < i + n; j++) {
            covered[j] = true;
          }
          coveredUpTo = i + n;
        }
      }
      return GopherQualityFilter.ratio(coveredChars(w, covered), w.chars);
    }

    private static long coveredChars(Words w, boolean[] covered) {
      long c = 0;
      for (int i = 0; i < w.count; i++) {
        if (covered[i]) {
          c += w.lengths[i];
        }
      }
      return c;
    }
  }

  /**
   * Counts of word n-grams keyed by a 64-bit hash of their words, in an open-addressing table sized for one
   * document: no boxing, one allocation per n. Two different n-grams share a key with probability about 2^-64 per
   * pair, which the repetition ratios can ignore.
   */
  static final class RefNgramCounts {
    private final long[] keys;
    private final int[] counts;
    private final int mask;

    RefNgramCounts(int expected) {
      int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
      keys = new long[cap];
      counts = new int[cap];
      mask = cap - 1;
    }

    /** Adds one occurrence of {@code key} (never 0) and returns its new count. */
    int add(long key) {
      int i = slot(key);
      keys[i] = key;
      return ++counts[i];
    }

    int count(long key) {
      int i = slot(key);
      return keys[i] == key ? counts[i] : 0;
    }

    /** True the first time {@code key} is added, false after. */
    boolean addIfAbsent(long key) {
      return add(key) == 1;
    }

    void clear() {
      Arrays.fill(keys, 0L);
      Arrays.fill(counts, 0);
    }

    private int slot(long key) {
      int i = (int) (key ^ (key >>> 32)) & mask;
      while (keys[i] != 0 && keys[i] != key) {
        i = (i + 1) & mask;
      }
      return i;
    }

    /** A 64-bit hash of the characters {@code s[from, to)}. */
    static long hash(String s, int from, int to) {
      long h = 0xcbf29ce484222325L;
      for (int i = from; i < to; i++) {
        h = (h ^ s.charAt(i)) * 0x100000001b3L;
      }
      return mix(h);
    }

    static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
