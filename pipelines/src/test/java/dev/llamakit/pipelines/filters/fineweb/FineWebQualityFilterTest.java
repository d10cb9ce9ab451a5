package dev.llamakit.pipelines.filters.fineweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FineWebQualityFilterTest {
  private final FineWebQualityFilter fineweb = new FineWebQualityFilter(new FineWebQualityFilter.Params());

  private static String longLine(int i, boolean punct) {
    return "line number " + (100 + i) + " has several plain words here" + (punct ? "." : "");
  }

  private Verdict punctuated(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      lines.add(longLine(i, i < n));
    }
    return fineweb.apply(Docs.of(String.join("\n", lines) + "\n\n  \n"));
  }

  @Test
  void linePunctuationRatioOverNonBlankLines() {
    Verdict v = punctuated(3); // 3 / 25 = 0.12
    assertTrue(v.kept(), v.toString());
    assertEquals(0.12, v.signals().number("fineweb_line_punct_ratio"));
    assertEquals(FineWebQualityFilter.TOO_FEW_PUNCTUATED_LINES, punctuated(2).reason());
    FineWebQualityFilter.Params p = new FineWebQualityFilter.Params();
    p.linePunctExcludeZero = true;
    FineWebQualityFilter excludeZero = new FineWebQualityFilter(p);
    assertTrue(excludeZero.apply(Docs.of(longLine(0, false) + "\n" + longLine(1, false))).kept());
    assertTrue(fineweb.apply(Docs.of(longLine(0, false) + "؟")).kept(), "unicode terminal punctuation");
    assertEquals(FineWebQualityFilter.TOO_FEW_PUNCTUATED_LINES,
        fineweb.apply(Docs.of(longLine(0, true) + " ")).reason(), "lines are not stripped");
  }

  private Verdict shortLines(int n) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      lines.add(i < n ? "Short line " + (100 + i) + " ends here." : longLine(i, true));
    }
    return fineweb.apply(Docs.of(String.join("\n", lines)));
  }

  @Test
  void shortLineRatio() {
    assertTrue(shortLines(67).kept());
    Verdict v = shortLines(68);
    assertEquals(FineWebQualityFilter.TOO_MANY_SHORT_LINES, v.reason());
    assertEquals(0.68, v.signals().number("fineweb_short_line_ratio"));
  }

  @Test
  void duplicateLineCharacters() {
    String d = "Dup line is here."; // 17 characters, counted once (the second copy)
    Verdict v = fineweb.apply(Docs.of("x".repeat(1665) + ".\n" + d + "\n" + d)); // 17 / 1700
    assertTrue(v.kept(), v.toString());
    assertEquals(0.01, v.signals().number("fineweb_duplicate_line_char_ratio"));
    assertEquals(FineWebQualityFilter.TOO_MANY_DUPLICATE_LINE_CHARS,
        fineweb.apply(Docs.of("x".repeat(1664) + ".\n" + d + "\n" + d)).reason()); // 17 / 1699
  }

  @Test
  void newlinesPerWord() {
    FineWebQualityFilter.Params p = new FineWebQualityFilter.Params();
    p.maxShortLineRatio = 1;
    FineWebQualityFilter f = new FineWebQualityFilter(p);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      lines.add("alpha" + i + " beta.");
    }
    Verdict v = f.apply(Docs.of(String.join("\n", lines))); // 9 newlines / 30 words (alpha0, beta, .)
    assertTrue(v.kept(), v.toString());
    assertEquals(0.3, v.signals().number("fineweb_newline_word_ratio"));
    lines.set(9, "alpha9.");
    assertEquals(FineWebQualityFilter.TOO_MANY_NEWLINES_PER_WORD,
        f.apply(Docs.of(String.join("\n", lines))).reason()); // 9 / 29
    p.words = "whitespace";
    assertEquals(FineWebQualityFilter.TOO_MANY_NEWLINES_PER_WORD,
        new FineWebQualityFilter(p).apply(Docs.of("one two.\nthree four.\nfive six.")).reason()); // 2 / 6 words
  }

  @Test
  void blankDocumentAndRealLookingPages() {
    assertEquals(FineWebQualityFilter.NO_TEXT, fineweb.apply(Docs.of(" \n\t\n")).reason());
    String article = "The city council met on Tuesday to discuss the new budget for the coming year.\n"
        + "Members of the public were invited to speak, and many raised concerns about the library.\n"
        + "A final vote is expected next month, after the report has been published.";
    assertTrue(fineweb.apply(Docs.of(article)).kept());
    String menu = "Home\nAbout us\nProducts\nContact\nLogin\nCart\nCopyright 2024 Example Inc.";
    assertEquals(FineWebQualityFilter.TOO_MANY_SHORT_LINES, fineweb.apply(Docs.of(menu)).reason());
  }
}
