package dev.llamakit.pipelines.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * GPT-3's 13-gram rule with the janitor's parameters on a crafted document; the expected spans and pieces are what
 * lm-evaluation-harness's {@code Janitor(ngram_n=13)} gives for the same strings (python path: {@code
 * register_contaminant(item)}, {@code clean(doc)}).
 */
class JanitorCutTest {
  static final String ITEM = "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips "
      + "in May.";
  static final String LEFT = "Lorem filler words go here. ".repeat(20);          // 560 characters
  static final String RIGHT = " Closing remarks follow now.".repeat(24);          // 672 characters
  static final String DOC = LEFT
      + "natalia SOLD clips to 48 of her friends in april and then she sold HALF as many clips in may!" + RIGHT;

  static List<int[]> matches(String item, String doc, int n) {
    NgramIndex index = NgramIndex.build(List.of(new BenchmarkItem("gsm8k", "test/0", item)), NgramRule.JANITOR, n, 0);
    Words w = NgramRule.JANITOR.words(doc);
    NgramIndex.Searcher s = index.searcher();
    long[] h = GramHash.words(w);
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < w.grams(n); i++) {
      if (s.items(h, i) != null) {
        spans.add(new int[] {w.start()[i], w.end()[i + n - 1] - 1});
      }
    }
    return spans;
  }

  @Test
  void matchedThirteenGramsAreTheJanitors() {
    List<int[]> m = matches(ITEM, DOC, 13);
    int[][] expected = {{560, 620}, {568, 625}, {573, 630}, {579, 633}, {582, 638}, {585, 644}, {588, 647},
        {592, 652}};
    assertEquals(expected.length, m.size());
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i][0], m.get(i)[0], "start of match " + i);
      assertEquals(expected[i][1], m.get(i)[1], "end of match " + i);
    }
  }

  @Test
  void cutsTheWindowsAndKeepsLongPieces() {
    JanitorCut.Outcome o = new JanitorCut(200, 200, 10).apply(DOC, matches(ITEM, DOC, 13));
    assertEquals(false, o.tooDirty());
    assertEquals(2, o.pieces().size());
    assertEquals(DOC.substring(0, 360), o.pieces().get(0));          // up to 560 - 200
    assertEquals(DOC.substring(853), o.pieces().get(1));             // after 652 + 200, from end + 1
    assertEquals(472, o.pieces().get(1).length());
  }

  @Test
  void moreMatchesThanTheCutoffIsTooDirty() {
    JanitorCut.Outcome o = new JanitorCut(200, 200, 3).apply(DOC, matches(ITEM, DOC, 13));
    assertTrue(o.tooDirty());
    assertEquals(List.of(), o.pieces());
    // exactly the cutoff is still cut, not dropped
    assertEquals(false, new JanitorCut(200, 200, 8).apply(DOC, matches(ITEM, DOC, 13)).tooDirty());
  }

  @Test
  void shortSurroundingsLeaveNothing() {
    String doc = "Some words first. " + ITEM + " And a short tail.";
    JanitorCut.Outcome o = new JanitorCut(200, 200, 10).apply(doc, matches(ITEM, doc, 13));
    assertEquals(false, o.tooDirty());
    assertEquals(List.of(), o.pieces());
  }

  @Test
  void fewerWordsThanNNeverMatch() {
    assertEquals(0, matches("Natalia sold clips to 48 of her friends", DOC, 13).size());
    assertEquals(3, matches("Natalia sold clips to 48 of her friends in April, and then", DOC, 10).size());
  }
}
