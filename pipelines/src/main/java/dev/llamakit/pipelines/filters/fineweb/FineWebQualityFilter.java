package dev.llamakit.pipelines.filters.fineweb;

import dev.llamakit.pipelines.io.Resources;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * FineWeb's own rules (datatrove {@code FineWebQualityFilter}, with its defaults), on the lines of {@code
 * text.split("\n")} that are not blank (lines are not stripped): at least {@code min_line_punct_ratio} of lines end
 * with a stop character (datatrove's {@code TERMINAL_PUNCTUATION}, 159 characters); at most
 * {@code max_short_line_ratio} of lines are {@code short_line_length} code points or shorter; the characters of
 * lines equal to an earlier line are at most {@code max_duplicate_line_char_ratio} of the text without
 * {@code \n}; the number of {@code \n} per word is at most {@code max_newline_word_ratio}.
 */
public final class FineWebQualityFilter implements DocumentFilter {
  public static final DropReason NO_TEXT = DropReason.of("FINEWEB_NO_TEXT");
  public static final DropReason TOO_FEW_PUNCTUATED_LINES = DropReason.of("FINEWEB_TOO_FEW_PUNCTUATED_LINES");
  public static final DropReason TOO_MANY_SHORT_LINES = DropReason.of("FINEWEB_TOO_MANY_SHORT_LINES");
  public static final DropReason TOO_MANY_DUPLICATE_LINE_CHARS =
      DropReason.of("FINEWEB_TOO_MANY_DUPLICATE_LINE_CHARS");
  public static final DropReason TOO_MANY_NEWLINES_PER_WORD = DropReason.of("FINEWEB_TOO_MANY_NEWLINES_PER_WORD");

  /** The step's parameters; defaults are datatrove's. */
  public static final class Params implements Serializable {
    /** datatrove {@code line_punct_thr}: drop below this share of lines ending in a stop character. */
    public double minLinePunctRatio = 0.12;
    /** datatrove {@code line_punct_exclude_zero}: keep documents where no line ends in one. */
    public boolean linePunctExcludeZero = false;
    /** datatrove {@code stop_chars}; empty: its {@code TERMINAL_PUNCTUATION} set (bundled resource). */
    public List<String> stopChars = new ArrayList<>();
    /** datatrove {@code short_line_thr}. */
    public double maxShortLineRatio = 0.67;
    /** datatrove {@code short_line_length}: a line this long or shorter is short. */
    public int shortLineLength = 30;
    /** datatrove {@code char_duplicates_ratio}. */
    public double maxDuplicateLineCharRatio = 0.01;
    /** datatrove {@code new_line_ratio}. */
    public double maxNewlineWordRatio = 0.3;
    /**
     * How words are counted for the newline rule: {@code punctuation} (default; a run of letters, digits and
     * {@code _} is a word and so is every other non-space character, close to the NLTK tokens datatrove counts) or
     * {@code whitespace} ({@code str.split()}).
     */
    public String words = "punctuation";
  }

  private final Params p;
  private final Set<String> stopChars;
  private final boolean singleCodePoints;
  private final boolean punctuationWords;

  public FineWebQualityFilter(Params p) {
    this.punctuationWords = switch (p.words) {
      case "punctuation" -> true;
      case "whitespace" -> false;
      default -> throw new IllegalArgumentException("words must be 'punctuation' or 'whitespace', not '" + p.words
          + "'");
    };
    if (p.shortLineLength < 0) {
      throw new IllegalArgumentException("short_line_length must be >= 0, got " + p.shortLineLength);
    }
    if (p.stopChars.stream().anyMatch(c -> c == null || c.isEmpty())) {
      throw new IllegalArgumentException("stop_chars must be non-empty strings");
    }
    this.p = p;
    this.stopChars = p.stopChars.isEmpty() ? terminalPunctuation() : new HashSet<>(p.stopChars);
    this.singleCodePoints = stopChars.stream().allMatch(c -> c.codePointCount(0, c.length()) == 1);
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    int punctuated = 0;
    int shortLines = 0;
    int nonBlank = 0;
    int newlines = 0;
    long duplicateChars = 0;
    Set<String> seen = new HashSet<>();
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '\n') {
        continue;
      }
      if (i < text.length()) {
        newlines++;
      }
      if (!isBlank(text, start, i)) {
        nonBlank++;
        String line = text.substring(start, i);
        int len = PyText.len(line);
        if (endsWithStop(line)) {
          punctuated++;
        }
        if (len <= p.shortLineLength) {
          shortLines++;
        }
        if (!seen.add(line)) {
          duplicateChars += len;
        }
      }
      start = i + 1;
    }
    if (nonBlank == 0) {
      return Verdict.drop(NO_TEXT, "no non-blank line");
    }
    long words = punctuationWords ? punctuationWords(text) : dev.llamakit.pipelines.text.PyWords.countWords(text);
    double punctRatio = (double) punctuated / nonBlank;
    double shortRatio = (double) shortLines / nonBlank;
    long chars = PyText.len(text) - newlines;
    double dupRatio = chars == 0 ? 0 : (double) duplicateChars / chars;
    double newlineRatio = words == 0 ? 0 : (double) newlines / words;
    Verdict v;
    if (punctRatio < p.minLinePunctRatio && !(punctRatio == 0 && p.linePunctExcludeZero)) {
      v = Verdict.drop(TOO_FEW_PUNCTUATED_LINES, "lines ending in punctuation " + punctRatio + " < "
          + p.minLinePunctRatio);
    } else if (shortRatio > p.maxShortLineRatio) {
      v = Verdict.drop(TOO_MANY_SHORT_LINES, "short lines " + shortRatio + " > " + p.maxShortLineRatio);
    } else if (dupRatio > p.maxDuplicateLineCharRatio) {
      v = Verdict.drop(TOO_MANY_DUPLICATE_LINE_CHARS, "characters in duplicate lines " + dupRatio + " > "
          + p.maxDuplicateLineCharRatio);
    } else if (newlineRatio > p.maxNewlineWordRatio) {
      v = Verdict.drop(TOO_MANY_NEWLINES_PER_WORD, "newlines per word " + newlineRatio + " > "
          + p.maxNewlineWordRatio);
    } else {
      v = Verdict.keep();
    }
    return v.signal("fineweb_line_punct_ratio", punctRatio).signal("fineweb_short_line_ratio", shortRatio)
        .signal("fineweb_duplicate_line_char_ratio", dupRatio).signal("fineweb_newline_word_ratio", newlineRatio);
  }

  private static boolean isBlank(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!PyText.isSpace(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean endsWithStop(String line) {
    if (singleCodePoints) {
      return stopChars.contains(Character.toString(line.codePointBefore(line.length())));
    }
    for (String c : stopChars) {
      if (line.endsWith(c)) {
        return true;
      }
    }
    return false;
  }

  /** Runs of word characters count as one word, every other non-space character as one. */
  static long punctuationWords(String s) {
    long count = 0;
    boolean inWord = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (dev.llamakit.pipelines.text.PyWords.isWordChar(cp)) {
        if (!inWord) {
          count++;
        }
        inWord = true;
      } else {
        inWord = false;
        if (!PyText.isSpace(cp)) {
          count++;
        }
      }
    }
    return count;
  }

  private static Set<String> terminalPunctuation() {
    Set<String> set = new HashSet<>();
    for (String line : Resources.tableLines(FineWebQualityFilter.class, "terminal_punctuation.txt")) {
      set.add(Character.toString(Integer.parseInt(line.split(" ", 2)[0], 16)));
    }
    return set;
  }
}
