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
 *
 * <p>The working arrays live in a per-thread {@link RepetitionScratch}; the filter itself holds only its
 * parameters and stays serializable.
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
  /** The signal names, {@code gopher_top_2gram_char_fraction}, ... and {@code gopher_duplicate_5gram_...}. */
  private final String[] topKeys;
  private final String[] dupKeys;

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
    topKeys = new String[p.maxTopNgramCharFraction.size()];
    for (int i = 0; i < topKeys.length; i++) {
      topKeys[i] = "gopher_top_" + (i + 2) + "gram_char_fraction";
    }
    dupKeys = new String[p.maxDuplicateNgramCharFraction.size()];
    for (int i = 0; i < dupKeys.length; i++) {
      dupKeys[i] = "gopher_duplicate_" + (i + 5) + "gram_char_fraction";
    }
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    int length = PyText.len(text);
    RepetitionScratch s = RepetitionScratch.get(text.length());
    s.load(text);
    Duplicates para = s.duplicates(s.paragraphs());
    Duplicates lines = s.duplicates(s.lines());
    double paraFrac = GopherQualityFilter.ratio(para.elements, para.total);
    double paraChars = GopherQualityFilter.ratio(para.chars, length);
    double lineFrac = GopherQualityFilter.ratio(lines.elements, lines.total);
    double lineChars = GopherQualityFilter.ratio(lines.chars, length);
    s.words();
    double[] top = new double[topKeys.length];
    double[] dup = new double[dupKeys.length];
    ngrams.measure(s, top, dup, length);
    Verdict v = decide(paraFrac, paraChars, lineFrac, lineChars, top, dup);
    v = v.signal("gopher_duplicate_paragraph_fraction", paraFrac)
        .signal("gopher_duplicate_paragraph_char_fraction", paraChars)
        .signal("gopher_duplicate_line_fraction", lineFrac).signal("gopher_duplicate_line_char_fraction", lineChars);
    for (int i = 0; i < top.length; i++) {
      v = v.signal(topKeys[i], top[i]);
    }
    for (int i = 0; i < dup.length; i++) {
      v = v.signal(dupKeys[i], dup[i]);
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
  record Duplicates(int elements, long chars, int total) {}
}
