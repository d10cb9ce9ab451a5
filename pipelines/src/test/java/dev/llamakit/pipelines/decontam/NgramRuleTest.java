package dev.llamakit.pipelines.decontam;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The two word rules on crafted text, against what janitor.py and datatrove's simplify_text give. */
class NgramRuleTest {
  @Test
  void janitorLowercasesAsciiAndDeletesAsciiPunctuationOnly() {
    Words w = NgramRule.JANITOR.words("  Hello, WORLD!  It's  Café-Ölberg\u00a0(2019) — ok\n");
    // string.punctuation deleted (the apostrophe and hyphen too), ASCII upper-case lowered, É/Ö untouched; the em
    // dash is not ASCII punctuation, so it stays a word; U+00A0 is Python whitespace
    assertArrayEquals(new String[] {"hello", "world", "its", "caféÖlberg", "2019", "—", "ok"}, w.tokens());
    assertArrayEquals(new int[] {2, 9, 17, 23, 35, 42, 44}, w.start());
    assertArrayEquals(new int[] {8, 15, 21, 34, 41, 43, 46}, w.end());
    assertEquals("hello world its", w.gram(0, 3));
  }

  @Test
  void punctuationOnlyWordsVanishOnBothSides() {
    assertArrayEquals(new String[] {"5", "3", "2"}, NgramRule.JANITOR.words("5 - 3 = 2").tokens());
    assertArrayEquals(new String[] {"5", "3", "2"}, NgramRule.JANITOR.words("5  3  2").tokens());
  }

  @Test
  void datatroveSimplifiesLikeSimplifyText() {
    Words w = NgramRule.DATATROVE.words("Café, CRÈME brûlée: 12.50€ «très» well-known 2019 Ünïcödé ½");
    // lower, punctuation table deleted (',' ':' '.' '«' '»' '-'), accents stripped, digit runs -> 0
    assertArrayEquals(new String[] {"cafe", "creme", "brulee", "0€", "tres", "wellknown", "0", "unicode", "½"},
        w.tokens());
    assertEquals(12, NgramRule.DATATROVE.defaultN());
    assertEquals(13, NgramRule.JANITOR.defaultN());
  }

  @Test
  void spansCountCodePointsAsPython() {
    Words w = NgramRule.JANITOR.words("\uD83D\uDE00 Ab");      // one astral character, then a word
    assertArrayEquals(new String[] {"\uD83D\uDE00", "ab"}, w.tokens());
    assertArrayEquals(new int[] {0, 2}, w.start());
    assertEquals(4, w.codePoints());
  }

  @Test
  void unknownRuleNamesBoth() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NgramRule.of("gpt3"));
    assertEquals("rule must be janitor or datatrove, not 'gpt3'", e.getMessage());
  }
}
