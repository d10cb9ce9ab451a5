package dev.llamakit.engine.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sentence counts punkt (english.pickle) gives on these lines, worked out from its rules. */
class PunktSentencesTest {
  private final PunktSentences punkt = PunktSentences.english();

  @Test
  void countsLikePunkt() {
    assertEquals(1, punkt.count("One sentence only."));
    assertEquals(3, punkt.count("Is it? Yes! Fine."));
    assertEquals(2, punkt.count("Mr. Smith went to Washington. He arrived at 5 p.m. today."));
    assertEquals(2, punkt.count("J. S. Bach was born in 1685. He wrote music."));
    assertEquals(1, punkt.count("Wait... what happened here?"));
    assertEquals(2, punkt.count("Wait... The end came."));
    assertEquals(1, punkt.count("He said \"stop.\""));
    assertEquals(2, punkt.count("He said \"stop.\" Then he left."));
    assertEquals(1, punkt.count("Visit example.com for details."));
    assertEquals(2, punkt.count("It was late, etc. The next day came."));
    assertEquals(1, punkt.count("It rose 5. percent in May."));
    assertEquals(0, punkt.count("   "));
  }
}
