package dev.llamakit.pipelines.minhash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The text MinHash shingles: datatrove's simplification, and shingles of short and empty texts. */
class SimplifiedTextTest {
  @Test
  void lowerCasesReplacesNumbersDropsPunctuationAndAccents() {
    assertEquals("hello world 0 cafe", SimplifiedText.simplify("  Hello,   World!! 3.14 Café\n"));
    assertEquals("0 0 people on 0 streets", SimplifiedText.simplify("1,000,000 / 12 people on 7 streets"));
    assertEquals("naive resume deja vu", SimplifiedText.simplify("Naïve résumé — déjà-vu…"));
    assertEquals("price 0 then 0", SimplifiedText.simplify("Price: 1.5, then 2."), "a trailing point is not a number's");
    assertEquals("abc0def", SimplifiedText.simplify("abc123def"));
    assertEquals("hyphenation", SimplifiedText.simplify("hyph\u00ADenation"), "a soft hyphen (Cf) does not split");
    assertEquals("٠ مرحبا", SimplifiedText.simplify("٣٤ مرحبا").replace("0", "٠"), "any Nd digit is a number");
    assertEquals("a b", SimplifiedText.simplify("a_b"));
    assertEquals("", SimplifiedText.simplify(" ... !!! "));
    assertEquals("", SimplifiedText.simplify(""));
  }

  @Test
  void shortTextsAreOneShingleAndEmptyTextsNone() {
    assertEquals(0, Shingles.ofText("", 5).length);
    assertEquals(0, Shingles.ofText("—— !!! ...", 5).length);
    long[] three = Shingles.ofText("three short words", 5);
    assertEquals(1, three.length);
    assertArrayEquals(three, Shingles.ofText("Three, short WORDS!", 5), "the same after simplification");
    assertNotEquals(three[0], Shingles.ofText("three words short", 5)[0], "word order counts");
    assertEquals(1, Shingles.ofText("one two three four five", 5).length);
    assertEquals(2, Shingles.ofText("one two three four five six", 5).length);
    assertEquals(6, Shingles.ofText("one two three four five six", 1).length);
  }

  @Test
  void shinglesRespectWordBoundaries() {
    assertNotEquals(Shingles.ofText("ab c", 2)[0], Shingles.ofText("a bc", 2)[0]);
  }

  @Test
  void jaccardOfSortedSets() {
    assertEquals(0.5, Jaccard.of(new long[] {1, 2, 3}, new long[] {1, 2, 3, 4, 5, 6}), 1e-12);
    assertEquals(0.2, Jaccard.of(new long[] {1, 2, 3}, new long[] {3, 4, 5}), 1e-12);
    assertEquals(1.0, Jaccard.of(new long[0], new long[0]));
    assertEquals(0.0, Jaccard.of(new long[] {1}, new long[] {2}));
    assertArrayEquals(new long[] {-3, 1, 7}, Shingles.sortedSet(new long[] {7, 1, -3, 7, 1}));
  }

  @Test
  void scurveValuesOfFineWebsParameters() {
    assertEquals(0.924, SCurve.probability(0.8, 14, 8), 5e-4);
    assertEquals(0.719, SCurve.threshold(14, 8), 5e-4);
    assertEquals(0.0, SCurve.probability(0.0, 14, 8));
    assertEquals(1.0, SCurve.probability(1.0, 14, 8));
  }
}
