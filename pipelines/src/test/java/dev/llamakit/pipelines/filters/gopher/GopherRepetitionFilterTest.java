package dev.llamakit.pipelines.filters.gopher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GopherRepetitionFilterTest {
  private final GopherRepetitionFilter paper = new GopherRepetitionFilter(new GopherRepetitionFilter.Params());

  /** Only the rule under test: every other threshold at 1. */
  private static GopherRepetitionFilter only(String rule, String method) {
    GopherRepetitionFilter.Params p = new GopherRepetitionFilter.Params();
    p.ngramMethod = method;
    p.maxDuplicateLineFraction = rule.equals("lines") ? 0.3 : 1;
    p.maxDuplicateParagraphFraction = rule.equals("paragraphs") ? 0.3 : 1;
    p.maxDuplicateLineCharFraction = rule.equals("line_chars") ? 0.2 : 1;
    p.maxDuplicateParagraphCharFraction = rule.equals("paragraph_chars") ? 0.2 : 1;
    if (!rule.equals("top")) {
      p.maxTopNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0, 1.0));
    }
    if (!rule.equals("dup")) {
      p.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0, 1.0, 1.0, 1.0, 1.0));
    }
    return new GopherRepetitionFilter(p);
  }

  private static String numbered(int distinct, int repeats, String sep) {
    List<String> xs = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      xs.add("element number " + i);
    }
    for (int i = 0; i < repeats; i++) {
      xs.add("element number 0");
    }
    return String.join(sep, xs);
  }

  @Test
  void duplicateLinesAndParagraphs() {
    GopherRepetitionFilter lines = only("lines", "paper");
    assertTrue(lines.apply(Docs.of(numbered(7, 3, "\n"))).kept()); // 3 / 10
    assertEquals(GopherRepetitionFilter.DUPLICATE_LINES, lines.apply(Docs.of(numbered(6, 4, "\n"))).reason());
    GopherRepetitionFilter paras = only("paragraphs", "paper");
    assertTrue(paras.apply(Docs.of(numbered(7, 3, "\n\n\n"))).kept());
    assertTrue(paras.apply(Docs.of(numbered(6, 4, "\n"))).kept(), "single newlines make one paragraph");
    assertEquals(GopherRepetitionFilter.DUPLICATE_PARAGRAPHS,
        paras.apply(Docs.of(numbered(6, 4, "\n\n"))).reason());
  }

  @Test
  void duplicateLineAndParagraphCharacters() {
    String a = "a".repeat(20);
    GopherRepetitionFilter lineChars = only("line_chars", "paper");
    Verdict v = lineChars.apply(Docs.of(a + "\n" + "b".repeat(58) + "\n" + a)); // 20 / 100
    assertTrue(v.kept(), v.toString());
    assertEquals(0.2, v.signals().number("gopher_duplicate_line_char_fraction"));
    assertEquals(GopherRepetitionFilter.DUPLICATE_LINE_CHARS,
        lineChars.apply(Docs.of(a + "\n" + "b".repeat(57) + "\n" + a)).reason()); // 20 / 99
    GopherRepetitionFilter paraChars = only("paragraph_chars", "paper");
    assertTrue(paraChars.apply(Docs.of(a + "\n\n" + "b".repeat(56) + "\n\n" + a)).kept());
    assertEquals(GopherRepetitionFilter.DUPLICATE_PARAGRAPH_CHARS,
        paraChars.apply(Docs.of(a + "\n\n" + "b".repeat(55) + "\n\n" + a)).reason());
  }

  /** "xa xb ya yb xa xb" and unique two-letter words to 20 words; one of them one letter when {@code short}. */
  private static String topBigram(boolean shortWord) {
    List<String> w = new ArrayList<>(List.of("xa", "xb", "ya", "yb", "xa", "xb"));
    for (int i = 0; i < 14; i++) {
      w.add(i == 13 && shortWord ? "e" : "c" + (char) ('a' + i));
    }
    return String.join(" ", w);
  }

  @Test
  void topNgramCharacters() {
    GopherRepetitionFilter top = only("top", "paper");
    Verdict v = top.apply(Docs.of(topBigram(false))); // 8 / 40 word characters
    assertTrue(v.kept(), v.toString());
    assertEquals(0.2, v.signals().number("gopher_top_2gram_char_fraction"));
    assertEquals(0.0, v.signals().number("gopher_top_3gram_char_fraction"), "no 3-gram occurs twice");
    assertEquals(GopherRepetitionFilter.TOP_NGRAM_CHARS, top.apply(Docs.of(topBigram(true))).reason()); // 8 / 39
    // datatrove: len("xa xb") * 2 / len(text) = 10 / 59, and a unique top 3-gram still counts: 8 / 59
    Verdict d = only("top", "datatrove").apply(Docs.of(topBigram(false)));
    assertEquals(10.0 / 59, d.signals().number("gopher_top_2gram_char_fraction"));
    assertEquals(8.0 / 59, d.signals().number("gopher_top_3gram_char_fraction"));
  }

  /** A 5-word run (3 letters each) twice, then unique words: 33 of five letters and one of 5 or 4. */
  private static String duplicated5gram(int lastLength) {
    List<String> w = new ArrayList<>(List.of("aaa", "bbb", "ccc", "ddd", "eee", "zzz", "aaa", "bbb", "ccc", "ddd",
        "eee"));
    for (int i = 0; i < 33; i++) {
      w.add("q" + (char) ('a' + i / 26) + (char) ('a' + i % 26) + "xy");
    }
    w.add("r".repeat(lastLength));
    return String.join(" ", w);
  }

  @Test
  void duplicateNgramCharacters() {
    GopherRepetitionFilter dup = only("dup", "paper");
    Verdict v = dup.apply(Docs.of(duplicated5gram(5))); // 30 / (33 + 170) ... see below
    // word characters: 11 * 3 + 33 * 5 + 5 = 203; covered: 10 words * 3 = 30
    assertEquals(30.0 / 203, v.signals().number("gopher_duplicate_5gram_char_fraction"));
    assertTrue(v.kept());
    assertEquals(0.0, v.signals().number("gopher_duplicate_6gram_char_fraction"));
    GopherRepetitionFilter.Params p = new GopherRepetitionFilter.Params();
    p.maxTopNgramCharFraction = new ArrayList<>(List.of(1.0, 1.0, 1.0));
    p.maxDuplicateNgramCharFraction = new ArrayList<>(List.of(30.0 / 203, 1.0, 1.0, 1.0, 1.0, 1.0));
    GopherRepetitionFilter atThreshold = new GopherRepetitionFilter(p);
    assertTrue(atThreshold.apply(Docs.of(duplicated5gram(5))).kept());
    assertEquals(GopherRepetitionFilter.DUPLICATE_NGRAM_CHARS,
        atThreshold.apply(Docs.of(duplicated5gram(4))).reason()); // 30 / 202
  }

  @Test
  void overlappingNgramsCountOnceInThePaperMethod() {
    String text = "one two six ten red one two six ten red one two six ten red"; // 15 words, 45 letters
    Verdict v = paper.apply(Docs.of(text));
    assertEquals(1.0, v.signals().number("gopher_duplicate_5gram_char_fraction"));
    assertEquals(GopherRepetitionFilter.TOP_NGRAM_CHARS, v.reason());
    // datatrove's greedy scan: the 5-gram at words 5 and 10 repeats: 30 letters / 59 characters
    Verdict d = only("dup", "datatrove").apply(Docs.of(text));
    assertEquals(30.0 / 59, d.signals().number("gopher_duplicate_5gram_char_fraction"));
    assertEquals(GopherRepetitionFilter.DUPLICATE_NGRAM_CHARS, d.reason());
  }

  @Test
  void realLookingPagesAndEmptyText() {
    String article = "The city council met on Tuesday to discuss the new budget.\n"
        + "Members of the public were invited to speak about the planned library.\n\n"
        + "The mayor said that the library would be paid for with a bond.\n"
        + "A final vote is expected next month, after the report is published.";
    assertTrue(paper.apply(Docs.of(article)).kept());
    String spam = "Buy cheap watches now. Best prices online.\n".repeat(5);
    assertEquals(GopherRepetitionFilter.DUPLICATE_LINES, paper.apply(Docs.of(spam)).reason());
    Verdict empty = paper.apply(Docs.of(""));
    assertTrue(empty.kept());
    assertEquals(0.0, empty.signals().number("gopher_duplicate_line_char_fraction"));
  }
}
