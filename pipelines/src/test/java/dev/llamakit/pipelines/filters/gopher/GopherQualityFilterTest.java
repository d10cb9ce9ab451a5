package dev.llamakit.pipelines.filters.gopher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherQualityFilterTest {
  private final GopherQualityFilter gopher = new GopherQualityFilter(new GopherQualityFilter.Params());

  /** {@code n} words: "the", "and", then "word" repeated (mean length 3.96 for n = 50). */
  private static List<String> words(int n) {
    List<String> w = new ArrayList<>(List.of("the", "and"));
    w.addAll(Collections.nCopies(n - 2, "word"));
    return w;
  }

  private Verdict apply(List<String> words) {
    return gopher.apply(Docs.of(String.join(" ", words)));
  }

  private void assertKept(Verdict v) {
    assertTrue(v.kept(), v.toString());
  }

  @Test
  void wordCount() {
    assertKept(apply(words(50)));
    assertEquals(GopherQualityFilter.TOO_FEW_WORDS, apply(words(49)).reason());
    assertKept(apply(words(100_000)));
    assertEquals(GopherQualityFilter.TOO_MANY_WORDS, apply(words(100_001)).reason());
    assertEquals(49L, apply(words(49)).signals().get("gopher_word_count"));
  }

  @Test
  void meanWordLength() {
    List<String> w = new ArrayList<>(List.of("the", "and"));
    w.addAll(Collections.nCopies(48, "abc"));
    assertKept(apply(w)); // 150 / 50 = 3.0
    w.set(2, "ab");
    Verdict v = apply(w); // 149 / 50
    assertEquals(GopherQualityFilter.WORDS_TOO_SHORT, v.reason());
    assertEquals(2.98, v.signals().number("gopher_mean_word_length"), 1e-12);
    List<String> longWords = new ArrayList<>(List.of("the", "and"));
    longWords.addAll(Collections.nCopies(48, "abcdefghij")); // (6 + 480) / 50 = 9.72
    assertKept(apply(longWords));
    longWords.replaceAll(s -> s.equals("abcdefghij") ? "abcdefghijk" : s); // (6 + 528) / 50 = 10.68
    assertEquals(GopherQualityFilter.WORDS_TOO_LONG, apply(longWords).reason());
  }

  @Test
  void medianWordLengthIsDolmasVariant() {
    GopherQualityFilter.Params p = new GopherQualityFilter.Params();
    p.wordLengthStatistic = "median";
    List<String> w = new ArrayList<>(List.of("the", "and"));
    w.addAll(Collections.nCopies(25, "ab"));
    w.addAll(Collections.nCopies(23, "abcdefghi")); // mean 5.26; sorted lengths 2 x25, 3, 3, 9 x23: median 2.5
    assertKept(apply(w));
    Verdict v = new GopherQualityFilter(p).apply(Docs.of(String.join(" ", w)));
    assertEquals(GopherQualityFilter.WORDS_TOO_SHORT, v.reason());
    assertEquals(2.5, v.signals().number("gopher_median_word_length"));
  }

  @Test
  void hashAndEllipsisPerWord() {
    List<String> w = words(50);
    for (int i = 2; i < 7; i++) {
      w.set(i, "#tag");
    }
    assertKept(apply(w)); // 5 / 50 = 0.1
    w.set(7, "#tag");
    assertEquals(GopherQualityFilter.TOO_MANY_HASHES, apply(w).reason());
    List<String> e = words(50);
    for (int i = 2; i < 6; i++) {
      e.set(i, "word...");
    }
    e.set(6, "word…");
    assertKept(apply(e)); // 5 / 50
    e.set(7, "word…");
    Verdict v = apply(e);
    assertEquals(GopherQualityFilter.TOO_MANY_ELLIPSES, v.reason());
    assertEquals(0.12, v.signals().number("gopher_ellipsis_ratio"), 1e-12);
  }

  /** Ten lines of five words, the first {@code marked} of them changed by {@code mark}. */
  private Verdict lines(int marked, boolean bullet) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String line = "the and word word word";
      if (i < marked) {
        line = bullet ? (i % 2 == 0 ? "  - " : "• ") + line : line + (i % 2 == 0 ? "..." : "…  ");
      }
      lines.add(line);
    }
    return gopher.apply(Docs.of(String.join("\n", lines)));
  }

  @Test
  void bulletAndEllipsisLines() {
    // the bullets are extra words here: 59 or 60 words, still >= 50 and within the other limits
    assertKept(lines(9, true));
    assertEquals(GopherQualityFilter.TOO_MANY_BULLET_LINES, lines(10, true).reason());
    assertKept(lines(3, false));
    Verdict v = lines(4, false);
    assertEquals(GopherQualityFilter.TOO_MANY_ELLIPSIS_LINES, v.reason());
    assertEquals(0.4, v.signals().number("gopher_ellipsis_line_ratio"), 1e-12);
  }

  @Test
  void alphabeticWordsAndStopWords() {
    List<String> w = words(50);
    for (int i = 2; i < 12; i++) {
      w.set(i, "1234");
    }
    assertKept(apply(w)); // 40 / 50
    w.set(12, "12.5");
    assertEquals(GopherQualityFilter.TOO_FEW_ALPHABETIC_WORDS, apply(w).reason());
    List<String> s = words(50);
    s.set(1, "the");
    Verdict v = apply(s);
    assertEquals(GopherQualityFilter.TOO_FEW_STOP_WORDS, v.reason(), "one distinct stop word");
    assertEquals(1L, v.signals().get("gopher_stop_words"));
    GopherQualityFilter.Params p = new GopherQualityFilter.Params();
    p.stopWordCount = "occurrences";
    assertTrue(new GopherQualityFilter(p).apply(Docs.of(String.join(" ", s))).kept(), "dolma: two occurrences");
    s.set(1, "The"); // case-sensitive: one occurrence left
    assertEquals(GopherQualityFilter.TOO_FEW_STOP_WORDS, new GopherQualityFilter(p).apply(
        Docs.of(String.join(" ", s))).reason());
  }

  @Test
  void emptyDocumentHasNoDivisionByZero() {
    Verdict v = gopher.apply(Docs.of(""));
    assertEquals(GopherQualityFilter.TOO_FEW_WORDS, v.reason());
    assertEquals(0.0, v.signals().number("gopher_mean_word_length"));
    assertEquals(0.0, v.signals().number("gopher_bullet_line_ratio"));
  }

  @Test
  void realLookingPages() {
    String article = "The city council met on Tuesday to discuss the new budget. Members of the public were invited "
        + "to speak, and many of them raised concerns about the cost of the planned library.\n"
        + "The mayor said that the library would be paid for with a bond, and that taxes would not have to rise. "
        + "Several council members disagreed with that view and asked for a full report before the next meeting.\n"
        + "A final vote is expected next month, after the report has been published and discussed with residents.";
    assertKept(gopher.apply(Docs.of(article)));
    String menu = "Home\nAbout\nProducts\nContact\nLogin\nCart\n#sale #new #hot #deals";
    DropReason r = gopher.apply(Docs.of(menu)).reason();
    assertEquals(GopherQualityFilter.TOO_FEW_WORDS, r);
  }
}
