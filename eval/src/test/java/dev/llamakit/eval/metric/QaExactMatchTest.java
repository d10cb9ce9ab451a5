package dev.llamakit.eval.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nq_open's and triviaqa's exact match against lm-eval's {@code exact_match_hf_evaluate} (4e7e0d47f): each expected
 * score was obtained by running that function (numpy, Python's {@code re}) on the pair with the task's options, and is
 * written out here. The {@code é} cases need Python's Unicode word boundaries.
 */
class QaExactMatchTest {
  static final ExactMatch NQ = new ExactMatch(List.of("\\b(?:The |the |An |A |The |a |an )"), true, true);
  static final ExactMatch TRIVIA = new ExactMatch(null, true, true);

  @Test
  void nqOpenNormalisationAsLmEval() {
    String[][] golden = {
        {"The painter", "the Painter", "1"}, {"éthe painter", "éthe Painter", "1"}, {"éthe painter", "é Painter", "0"},
        {"éthe painter", "épainter", "0"}, {"the  cat", "cat", "0"}, {"A. Painter", "a painter", "0"},
        {"ÜBER", "über", "1"}, {"Straße", "STRASSE", "0"}, {"an Apple", "Apple", "1"}, {"Thean X", "X", "0"},
        {"The_cat", "_cat", "0"}, {"l'an X", "l'X", "1"}, {"1an X", "1X", "0"}};
    for (String[] g : golden) {
      assertEquals(Double.parseDouble(g[2]), NQ.score(g[0], g[1]), g[0] + " vs " + g[1]);
    }
  }

  @Test
  void anyAliasCounts() {
    assertEquals(1.0, TRIVIA.scoreAny("green colour", List.of("Green", "Green (colour)")));
    assertEquals(0.0, TRIVIA.scoreAny("planetmars", List.of("Mars", "Planet Mars")));
    assertEquals(1.0, NQ.scoreAny("The painter", List.of("A. Painter", "the Painter")));
  }
}
