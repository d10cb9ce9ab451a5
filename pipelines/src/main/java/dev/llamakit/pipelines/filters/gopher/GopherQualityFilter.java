package dev.llamakit.pipelines.filters.gopher;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.pipelines.text.PyWords;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The MassiveWeb quality rules of the Gopher paper (Rae et al. 2021, appendix A.1.1, table A1), with the paper's
 * thresholds. Words are Python {@code str.split()} words; lines are {@code str.splitlines()} lines. Every value is
 * measured (and reported as a signal) before the first failing check, in this order, names the reason:
 * word count, mean word length, {@code #} per word, ellipses ({@code ...} and {@code …}) per word, lines starting
 * with a bullet, lines ending with an ellipsis, words with an alphabetic character, stop words.
 */
public final class GopherQualityFilter implements DocumentFilter {
  public static final DropReason TOO_FEW_WORDS = DropReason.of("GOPHER_TOO_FEW_WORDS");
  public static final DropReason TOO_MANY_WORDS = DropReason.of("GOPHER_TOO_MANY_WORDS");
  public static final DropReason WORDS_TOO_SHORT = DropReason.of("GOPHER_WORDS_TOO_SHORT");
  public static final DropReason WORDS_TOO_LONG = DropReason.of("GOPHER_WORDS_TOO_LONG");
  public static final DropReason TOO_MANY_HASHES = DropReason.of("GOPHER_TOO_MANY_HASHES");
  public static final DropReason TOO_MANY_ELLIPSES = DropReason.of("GOPHER_TOO_MANY_ELLIPSES");
  public static final DropReason TOO_MANY_BULLET_LINES = DropReason.of("GOPHER_TOO_MANY_BULLET_LINES");
  public static final DropReason TOO_MANY_ELLIPSIS_LINES = DropReason.of("GOPHER_TOO_MANY_ELLIPSIS_LINES");
  public static final DropReason TOO_FEW_ALPHABETIC_WORDS = DropReason.of("GOPHER_TOO_FEW_ALPHABETIC_WORDS");
  public static final DropReason TOO_FEW_STOP_WORDS = DropReason.of("GOPHER_TOO_FEW_STOP_WORDS");

  /** The step's parameters: the paper's thresholds and the choices where implementations differ. */
  public static final class Params implements Serializable {
    public int minWords = 50;
    public int maxWords = 100_000;
    public double minMeanWordLength = 3;
    public double maxMeanWordLength = 10;
    /** {@code mean} (paper, datatrove, NeMo, RPv2) or {@code median} (dolma's gopher_v1). */
    public String wordLengthStatistic = "mean";
    /** Maximum {@code #} count per word. */
    public double maxHashRatio = 0.1;
    /** Maximum ({@code ...} count + {@code …} count) per word. */
    public double maxEllipsisRatio = 0.1;
    public double maxBulletLineRatio = 0.9;
    /**
     * What a bullet line starts with after leading whitespace. The paper does not list its bullets; the default is
     * datatrove's pair ({@code •}, {@code -}); dolma uses {@code *} and {@code -} without stripping.
     */
    public List<String> bullets = new ArrayList<>(List.of("•", "-"));
    public double maxEllipsisLineRatio = 0.3;
    public double minAlphabeticWordRatio = 0.8;
    public int minStopWords = 2;
    public List<String> stopWords = new ArrayList<>(List.of("the", "be", "to", "of", "and", "that", "have", "with"));
    /**
     * {@code distinct}: at least {@code min_stop_words} different stop words (paper: "at least two of the
     * following words"; datatrove); {@code occurrences}: that many stop-word tokens (dolma).
     */
    public String stopWordCount = "distinct";
  }

  private final Params p;
  private final boolean median;
  private final boolean distinct;
  private final String[] bullets;
  private final Set<String> stopWords;
  private final int longestStopWord;

  public GopherQualityFilter(Params p) {
    if (!p.wordLengthStatistic.equals("mean") && !p.wordLengthStatistic.equals("median")) {
      throw new IllegalArgumentException("word_length_statistic must be 'mean' or 'median', not '"
          + p.wordLengthStatistic + "'");
    }
    if (!p.stopWordCount.equals("distinct") && !p.stopWordCount.equals("occurrences")) {
      throw new IllegalArgumentException("stop_word_count must be 'distinct' or 'occurrences', not '"
          + p.stopWordCount + "'");
    }
    if (p.minWords < 0 || p.maxWords < p.minWords) {
      throw new IllegalArgumentException("need 0 <= min_words <= max_words, got " + p.minWords + ", " + p.maxWords);
    }
    if (p.bullets.stream().anyMatch(b -> b == null || b.isEmpty())) {
      throw new IllegalArgumentException("bullets must be non-empty strings");
    }
    this.p = p;
    this.median = p.wordLengthStatistic.equals("median");
    this.distinct = p.stopWordCount.equals("distinct");
    this.bullets = p.bullets.toArray(String[]::new);
    this.stopWords = new HashSet<>(p.stopWords);
    this.longestStopWord = p.stopWords.stream().mapToInt(String::length).max().orElse(0);
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    WordStats w = words(text);
    double hashRatio = ratio(count(text, "#"), w.count);
    double ellipsisRatio = ratio(count(text, "...") + count(text, "…"), w.count);
    List<String> lines = PyWords.splitLines(text);
    int bulletLines = 0;
    int ellipsisLines = 0;
    for (String line : lines) {
      if (startsWithBullet(line)) {
        bulletLines++;
      }
      String r = rstrip(line);
      if (r.endsWith("...") || r.endsWith("…")) {
        ellipsisLines++;
      }
    }
    double bulletRatio = ratio(bulletLines, lines.size());
    double ellipsisLineRatio = ratio(ellipsisLines, lines.size());
    double alphaRatio = ratio(w.alphabetic, w.count);
    Verdict v = decide(w, hashRatio, ellipsisRatio, bulletRatio, ellipsisLineRatio, alphaRatio);
    return v.signal("gopher_word_count", (long) w.count).signal(median ? "gopher_median_word_length" : "gopher_mean_word_length", w.length)
        .signal("gopher_hash_ratio", hashRatio).signal("gopher_ellipsis_ratio", ellipsisRatio)
        .signal("gopher_bullet_line_ratio", bulletRatio).signal("gopher_ellipsis_line_ratio", ellipsisLineRatio)
        .signal("gopher_alphabetic_word_ratio", alphaRatio).signal("gopher_stop_words", (long) w.stopWords);
  }

  private Verdict decide(WordStats w, double hash, double ellipsis, double bullet, double ellipsisLine,
      double alpha) {
    if (w.count < p.minWords) {
      return Verdict.drop(TOO_FEW_WORDS, w.count + " < " + p.minWords + " words");
    }
    if (w.count > p.maxWords) {
      return Verdict.drop(TOO_MANY_WORDS, w.count + " > " + p.maxWords + " words");
    }
    if (w.length < p.minMeanWordLength) {
      return Verdict.drop(WORDS_TOO_SHORT, p.wordLengthStatistic + " word length " + w.length + " < "
          + p.minMeanWordLength);
    }
    if (w.length > p.maxMeanWordLength) {
      return Verdict.drop(WORDS_TOO_LONG, p.wordLengthStatistic + " word length " + w.length + " > "
          + p.maxMeanWordLength);
    }
    if (hash > p.maxHashRatio) {
      return Verdict.drop(TOO_MANY_HASHES, "'#' per word " + hash + " > " + p.maxHashRatio);
    }
    if (ellipsis > p.maxEllipsisRatio) {
      return Verdict.drop(TOO_MANY_ELLIPSES, "ellipses per word " + ellipsis + " > " + p.maxEllipsisRatio);
    }
    if (bullet > p.maxBulletLineRatio) {
      return Verdict.drop(TOO_MANY_BULLET_LINES, "bullet lines " + bullet + " > " + p.maxBulletLineRatio);
    }
    if (ellipsisLine > p.maxEllipsisLineRatio) {
      return Verdict.drop(TOO_MANY_ELLIPSIS_LINES, "ellipsis lines " + ellipsisLine + " > "
          + p.maxEllipsisLineRatio);
    }
    if (alpha < p.minAlphabeticWordRatio) {
      return Verdict.drop(TOO_FEW_ALPHABETIC_WORDS, "words with a letter " + alpha + " < "
          + p.minAlphabeticWordRatio);
    }
    if (w.stopWords < p.minStopWords) {
      return Verdict.drop(TOO_FEW_STOP_WORDS, w.stopWords + (distinct ? " distinct" : "") + " stop words < "
          + p.minStopWords);
    }
    return Verdict.keep();
  }

  private record WordStats(int count, double length, int alphabetic, int stopWords) {}

  /** One pass over the words: count, length statistic, words with a letter, stop words (case-sensitive). */
  private WordStats words(String s) {
    int n = s.length();
    int count = 0;
    long totalLength = 0;
    int alphabetic = 0;
    int stopTokens = 0;
    Set<String> seen = distinct ? new HashSet<>() : null;
    int[] lengths = median ? new int[Math.max(16, n / 4)] : null;
    int i = 0;
    while (i < n) {
      while (i < n && PyText.isSpace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      int start = i;
      int cps = 0;
      boolean alpha = false;
      while (i < n && !PyText.isSpace(s.charAt(i))) {
        int cp = s.codePointAt(i);
        alpha |= PyWords.isAlpha(cp);
        i += Character.charCount(cp);
        cps++;
      }
      count++;
      totalLength += cps;
      if (alpha) {
        alphabetic++;
      }
      if (median) {
        if (count > lengths.length) {
          lengths = Arrays.copyOf(lengths, lengths.length * 2);
        }
        lengths[count - 1] = cps;
      }
      if (i - start <= longestStopWord) {
        String word = s.substring(start, i);
        if (stopWords.contains(word)) {
          stopTokens++;
          if (seen != null) {
            seen.add(word);
          }
        }
      }
    }
    double length = count == 0 ? 0 : median ? median(lengths, count) : (double) totalLength / count;
    return new WordStats(count, length, alphabetic, distinct ? seen.size() : stopTokens);
  }

  private static double median(int[] a, int n) {
    int[] sorted = Arrays.copyOf(a, n);
    Arrays.sort(sorted);
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  private boolean startsWithBullet(String line) {
    int k = 0;
    while (k < line.length() && PyText.isSpace(line.charAt(k))) {
      k++;
    }
    for (String b : bullets) {
      if (line.startsWith(b, k)) {
        return true;
      }
    }
    return false;
  }

  private static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && PyText.isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** Python's {@code str.count}: non-overlapping occurrences. */
  static int count(String s, String sub) {
    int c = 0;
    for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + sub.length())) {
      c++;
    }
    return c;
  }

  static double ratio(long num, long den) {
    return den == 0 ? 0 : (double) num / den;
  }
}
