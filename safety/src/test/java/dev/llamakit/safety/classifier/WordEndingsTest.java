package dev.llamakit.safety.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WordEndingsTest {
  @Test
  void inflectionsOfOneWordFoldTogether() {
    for (String[] group : new String[][] {
        {"hack", "hacking", "hacked", "hacks", "hackers"},
        {"kill", "killing", "killed", "kills"},
        {"steal", "stealing", "steals"},
        {"explosive", "explosives"},
        {"make", "making", "makes"},
        {"poison", "poisoning", "poisoned", "poisons"}}) {
      String stem = WordEndings.foldToken(group[0]);
      for (String w : group) assertEquals(stem, WordEndings.foldToken(w), w + " vs " + group[0]);
    }
  }

  @Test
  void shortNonLetterAndDoubleSTokensAreKept() {
    assertEquals("bomb", WordEndings.foldToken("bomb"));
    assertEquals("gun", WordEndings.foldToken("gun"));
    assertEquals("8080", WordEndings.foldToken("8080"));
    assertEquals("<url>", WordEndings.foldToken("<url>"));
    assertEquals("héros", WordEndings.foldToken("héros"));
    assertEquals(WordEndings.foldToken("pass"), WordEndings.foldToken("passes"));
  }

  @Test
  void foldsEveryTokenOfAText() {
    assertEquals("steal credit card", WordEndings.fold("stealing credit cards"));
    assertEquals("", WordEndings.fold(""));
  }
}
