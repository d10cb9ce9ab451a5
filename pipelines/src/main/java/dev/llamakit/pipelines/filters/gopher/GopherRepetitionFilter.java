package dev.llamakit.pipelines.filters.gopher;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The repetition rules of the Gopher paper (Rae et al. 2021, appendix A.1.1, table A1): duplicate lines and
 * paragraphs (share of elements, share of characters), the share of characters in the most frequent 2-, 3- and
 * 4-gram, and the share of characters in duplicated 5- to 10-grams. All values are measured and reported as
 * signals; the first one over its threshold, in that order, names the reason.
 *
 * <p>Lines are the non-empty pieces between {@code \n}; paragraphs the pieces of the stripped text between runs
 * of two or more {@code \n}; a duplicate is an element equal to an earlier one (copies beyond the first, as in
 * datatrove), its characters counted against the text's length. Words are whitespace-separated.
 * N-gram shares depend on {@code ngram_method}, see {@link NgramRepetition}.
 */
public final class GopherRepetitionFilter implements DocumentFilter {
  public static final DropReason DUPLICATE_LINES = DropReason.of("GOPHER_DUPLICATE_LINES");
  public static final DropReason DUPLICATE_PARAGRAPHS = DropReason.of("GOPHER_DUPLICATE_PARAGRAPHS");
  public static final DropReason DUPLICATE_LINE_CHARS = DropReason.of("GOPHER_DUPLICATE_LINE_CHARS");
  public static final DropReason DUPLICATE_PARAGRAPH_CHARS = DropReason.of("GOPHER_DUPLICATE_PARAGRAPH_CHARS");
  public static final DropReason TOP_NGRAM_CHARS = DropReason.of("GOPHER_TOP_NGRAM_CHARS");
  public static final DropReason DUPLICATE_NGRAM_CHARS = DropReason.of("GOPHER_DUPLICATE_NGRAM_CHARS");

  /** The step's parameters: the paper's thresholds. */
  public static final class Params implements Serializable {
    public double maxDuplicateLineFraction = 0.30;
    public double maxDuplicateParagraphFraction = 0.30;
    public double maxDuplicateLineCharFraction = 0.20;
    public double maxDuplicateParagraphCharFraction = 0.20;
    /** Thresholds for the most frequent n-gram, n = 2, 3, 4, ... in order. */
    public List<Double> maxTopNgramCharFraction = new ArrayList<>(List.of(0.20, 0.18, 0.16));
    /** Thresholds for duplicated n-grams, n = 5, 6, ... in order. */
    public List<Double> maxDuplicateNgramCharFraction = new ArrayList<>(List.of(0.15, 0.14, 0.13, 0.12, 0.11,
        0.10));
    /** {@code paper} (characters of covered words, overlaps once) or {@code datatrove}; see NgramRepetition. */
    public String ngramMethod = "paper";
  }

  private final Params p;
  private final NgramRepetition ngrams;

  public GopherRepetitionFilter(Params p) {
    this.p = p;
    this.ngrams = new NgramRepetition(switch (p.ngramMethod) {
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
    NgramRepetition.Words words = NgramRepetition.Words.of(text);
    int nTop = p.maxTopNgramCharFraction.size();
    int nDup = p.maxDuplicateNgramCharFraction.size();
    double[] top = new double[nTop];
    double[] dup = new double[nDup];
    long[][] keys = NgramRepetition.keys(words, Math.max(nTop + 1, nDup + 4));
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
}
