package dev.llamakit.pipelines.filters.c4;

import dev.llamakit.engine.text.PunktSentences;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.pipelines.text.PyWords;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * C4's {@code clean_page} (tfds {@code c4_utils.py}), in its order, per line after {@code strip()}: a word longer
 * than {@code max_word_length} drops the line; citations ({@code [1]}, {@code [edit]}, {@code [citation needed]})
 * are removed (the line is not stripped again); a line not ending in an end mark, or ending in {@code ...}, is
 * dropped; fewer than {@code min_words_per_line} words drops it; {@code lorem ipsum} drops the page
 * ({@code C4_LOREM_IPSUM}); {@code javascript} drops the line; <code>{</code> drops the page
 * ({@code C4_CURLY_BRACKET}); a policy phrase drops the line. The page is kept, as its kept lines joined by
 * {@code \n}, iff those lines hold at least {@code min_num_sentences} sentences ({@code C4_TOO_FEW_SENTENCES}),
 * counted by {@link PunktSentences}. Page-level checks see only lines that passed the line checks before them.
 */
public final class C4LineFilter implements DocumentFilter {
  public static final DropReason LOREM_IPSUM = DropReason.of("C4_LOREM_IPSUM");
  public static final DropReason CURLY_BRACKET = DropReason.of("C4_CURLY_BRACKET");
  public static final DropReason TOO_FEW_SENTENCES = DropReason.of("C4_TOO_FEW_SENTENCES");

  private static final String[] POLICY = {
      "terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies"};

  /** The step's parameters; defaults are tfds's constants. */
  public static final class Params implements Serializable {
    /** tfds {@code _MIN_WORDS_PER_LINE} (datatrove's C4QualityFilter and dolma use 3). */
    public int minWordsPerLine = 5;
    /** tfds {@code _MIN_NUM_SENTENCES} (datatrove uses 5). */
    public int minNumSentences = 3;
    /** tfds {@code _MAX_WORD_LENGTH}: a longer whitespace word drops its line. */
    public int maxWordLength = 1000;
    /** tfds {@code _END_MARKS}; datatrove adds {@code '}. */
    public List<String> endMarks = new ArrayList<>(List.of(".", "?", "!", "\""));
    /** Drop lines without an end mark or ending in {@code ...} (FineWeb runs C4 with this off). */
    public boolean filterNoTerminalPunct = true;
    /** Remove {@code [n]}, {@code [edit]}, {@code [citation needed]} before the other line checks. */
    public boolean removeCitations = true;
    /** Drop lines containing {@code javascript}. */
    public boolean filterJavascript = true;
    /** Drop lines containing a policy phrase ({@code terms of use, privacy policy, cookie policy, ...}). */
    public boolean filterPolicy = true;
    /** Drop the page when a kept line contains {@code lorem ipsum}. */
    public boolean filterLoremIpsum = true;
    /** Drop the page when a kept line contains <code>{</code>. */
    public boolean filterCurlyBracket = true;
  }

  private final Params p;
  private final String[] endMarks;
  private final PunktSentences sentences;

  public C4LineFilter(Params p) {
    if (p.minWordsPerLine < 0 || p.minNumSentences < 0 || p.maxWordLength < 1) {
      throw new IllegalArgumentException("need min_words_per_line >= 0, min_num_sentences >= 0, max_word_length >= 1,"
          + " got " + p.minWordsPerLine + ", " + p.minNumSentences + ", " + p.maxWordLength);
    }
    if (p.endMarks == null || p.endMarks.isEmpty() || p.endMarks.stream().anyMatch(m -> m == null || m.isEmpty())) {
      throw new IllegalArgumentException("end_marks must be a non-empty list of non-empty strings");
    }
    this.p = p;
    this.endMarks = p.endMarks.toArray(String[]::new);
    this.sentences = PunktSentences.english();
  }

  @Override
  public Verdict apply(Document d) {
    String text = d.rawContent();
    List<String> lines = PyWords.splitLines(text);
    StringBuilder kept = new StringBuilder(text.length());
    int keptLines = 0;
    long numSentences = 0;
    for (String raw : lines) {
      String line = PyText.strip(raw);
      if (hasLongWord(line)) {
        continue;
      }
      if (p.removeCitations) {
        line = C4Citations.remove(line);
      }
      if (p.filterNoTerminalPunct && (!endsWithMark(line) || line.endsWith("..."))) {
        continue;
      }
      if (PyWords.countWords(line) < p.minWordsPerLine) {
        continue;
      }
      String lower = line.toLowerCase(Locale.ROOT);
      if (p.filterLoremIpsum && lower.contains("lorem ipsum")) {
        return Verdict.drop(LOREM_IPSUM, "a kept line contains 'lorem ipsum'").signal("c4_sentences", numSentences);
      }
      if (p.filterJavascript && lower.contains("javascript")) {
        continue;
      }
      if (p.filterCurlyBracket && line.indexOf('{') >= 0) {
        return Verdict.drop(CURLY_BRACKET, "a kept line contains '{'").signal("c4_sentences", numSentences);
      }
      if (p.filterPolicy && isPolicy(lower)) {
        continue;
      }
      numSentences += sentences.count(line);
      if (keptLines++ > 0) {
        kept.append('\n');
      }
      kept.append(line);
    }
    Verdict v;
    if (numSentences < p.minNumSentences) {
      v = Verdict.drop(TOO_FEW_SENTENCES, numSentences + " < " + p.minNumSentences + " sentences in "
          + keptLines + " kept lines");
    } else {
      String cleaned = PyText.strip(kept.toString());
      v = cleaned.equals(text) ? Verdict.keep()
          : Verdict.keep(d.withContent(cleaned, keptLines, PyText.len(cleaned)));
    }
    return v.signal("c4_sentences", numSentences).signal("c4_lines_kept", (long) keptLines)
        .signal("c4_lines_removed", (long) (lines.size() - keptLines));
  }

  private boolean hasLongWord(String line) {
    if (line.length() <= p.maxWordLength) {
      return false;
    }
    int run = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (PyText.isSpace(c)) {
        run = 0;
      } else if (!Character.isLowSurrogate(c) && ++run > p.maxWordLength) {
        return true;
      }
    }
    return false;
  }

  private boolean endsWithMark(String line) {
    for (String m : endMarks) {
      if (line.endsWith(m)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPolicy(String lower) {
    for (String s : POLICY) {
      if (lower.contains(s)) {
        return true;
      }
    }
    return false;
  }
}
