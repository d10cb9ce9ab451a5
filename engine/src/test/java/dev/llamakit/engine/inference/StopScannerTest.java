package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StopScannerTest {
  /** Feeds {@code pieces}; returns everything released, asserting no release ever shows a stop string's start. */
  private static String run(StopScanner s, List<String> stops, List<String> pieces) {
    StringBuilder out = new StringBuilder();
    for (String p : pieces) {
      out.append(s.accept(p));
      if (s.stopped()) {
        break;
      }
    }
    out.append(s.flush());
    return out.toString();
  }

  @Test
  void cutsBeforeTheFirstStopAcrossPieces() {
    List<String> stops = List.of("\nUser:", "###");
    StopScanner s = new StopScanner(stops);
    assertEquals("Hello", s.accept("Hello\nUs"));
    assertFalse(s.stopped());
    assertEquals("", s.accept("er: more"));
    assertTrue(s.stopped());
    assertEquals("", s.flush());
    assertEquals("", s.accept("ignored after stop"));
  }

  @Test
  void releasesHeldTextWhenItCannotBeAStop() {
    StopScanner s = new StopScanner(List.of("###"));
    assertEquals("a", s.accept("a#"));
    assertEquals("#b", s.accept("b"));
    assertEquals("c", s.accept("c##"));
    assertEquals("##", s.flush());
    assertFalse(s.stopped());
  }

  @Test
  void earliestStopWinsAndEmptyStopsAreIgnored() {
    StopScanner s = new StopScanner(List.of("", "xyz", "b"));
    assertEquals("a", s.accept("abxyz"));
    assertTrue(s.stopped());
    assertEquals("plain", run(new StopScanner(List.of("")), List.of(""), List.of("pl", "ain")));
  }

  /** Seeded random texts cut at random places: the output is always the text cut at its first stop. */
  @Test
  void randomSplitsGiveTheTextCutAtTheFirstStop() {
    SplittableRandom r = new SplittableRandom(15);
    List<String> stops = List.of("</s>", "\n\n", "ab");
    String alphabet = "ab</s>\n xy";
    for (int trial = 0; trial < 2000; trial++) {
      StringBuilder text = new StringBuilder();
      int len = r.nextInt(40);
      for (int i = 0; i < len; i++) {
        text.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String t = text.toString();
      int cut = t.length();
      for (String s : stops) {
        int k = t.indexOf(s);
        if (k >= 0) {
          cut = Math.min(cut, k);
        }
      }
      List<String> pieces = new java.util.ArrayList<>();
      for (int i = 0; i < t.length(); ) {
        int n = 1 + r.nextInt(5);
        pieces.add(t.substring(i, Math.min(t.length(), i + n)));
        i += n;
      }
      StopScanner s = new StopScanner(stops);
      StringBuilder released = new StringBuilder();
      for (String p : pieces) {
        released.append(s.accept(p));
        assertTrue(t.startsWith(released.toString()) && released.length() <= cut, t + " released " + released);
        if (s.stopped()) {
          break;
        }
      }
      released.append(s.flush());
      assertEquals(t.substring(0, cut), released.toString(), t);
      assertEquals(cut < t.length(), s.stopped(), t);
    }
  }
}
