package dev.llamakit.pipelines.docdedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.pipelines.docdedup.ContentNormalizer.Form;
import org.junit.jupiter.api.Test;

/** Exact dedup's normalisation and key, option by option. */
class ContentNormalizerTest {
  private static final ContentNormalizer DEFAULT = new ContentNormalizer(Form.NFC, false, true);

  @Test
  void nfcJoinsCombiningAccentsNfkcAlsoFoldsCompatibilityCharacters() {
    assertEquals("café", DEFAULT.normalize("cafe\u0301"));
    assertEquals("cafe\u0301", new ContentNormalizer(Form.NONE, false, false).normalize("cafe\u0301"));
    assertEquals("\uFB01ne ＡＢＣ", DEFAULT.normalize("\uFB01ne ＡＢＣ"), "NFC keeps the ligature and full-width letters");
    assertEquals("fine ABC", new ContentNormalizer(Form.NFKC, false, true).normalize("\uFB01ne ＡＢＣ"));
  }

  @Test
  void whitespaceRunsBecomeOneSpaceAndTheEndsGo() {
    assertEquals("a b c d", DEFAULT.normalize("  a \t b\r\n\n c\u00A0\u2003d \n"));
    assertEquals("  a \t b\n", new ContentNormalizer(Form.NFC, false, false).normalize("  a \t b\n"));
    assertEquals("", DEFAULT.normalize(" \n\t\u00A0 "), "only whitespace is empty");
    assertEquals("", DEFAULT.normalize(""));
  }

  @Test
  void caseIsKeptUnlessAsked() {
    assertEquals("The River", DEFAULT.normalize("The River"));
    assertEquals("the river", new ContentNormalizer(Form.NFC, true, true).normalize("The  RIVER"));
    assertEquals("punctuation, digits 1-2: kept!", DEFAULT.normalize("punctuation, digits 1-2: kept!"));
  }

  @Test
  void keyIsTheFirst128BitsOfSha256OfTheUtf8Text() {
    ContentKey k = new ContentKey();
    // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertEquals("ba7816bf8f01cfea414140de5dae2223", k.of("abc"));
    assertEquals(k.of(DEFAULT.normalize("a  b\n")), k.of(DEFAULT.normalize("a b")));
    assertNotEquals(k.of("a b"), k.of("a b."));
  }

  @Test
  void unknownFormIsAnErrorNamingTheChoices() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Form.parse("nfd"));
    assertEquals("unicode must be nfc, nfkc or none, not 'nfd'", e.getMessage());
    assertEquals(Form.NFKC, Form.parse("NFKC"));
  }
}
