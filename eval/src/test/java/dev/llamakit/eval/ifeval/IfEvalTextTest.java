package dev.llamakit.eval.ifeval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.eval.ifeval.text.LanguageDetection;
import dev.llamakit.eval.ifeval.text.PyJson;
import dev.llamakit.eval.ifeval.text.PyText;
import dev.llamakit.eval.ifeval.text.TreebankWords;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Python behaviours the checkers rely on, with values worked out from Python's and NLTK's documented rules
 * (CPython {@code str} methods, {@code json.loads}, NLTK's {@code NLTKWordTokenizer} regexes).
 */
class IfEvalTextTest {

  @Test
  void pythonWhitespaceCaseAndWords() {
    assertEquals("x", PyText.strip("\u00a0\u2003\u001c x \u3000\n"));   // NBSP, em space, 0x1C: Python whitespace
    assertEquals("\u200bx", PyText.strip("\u200bx "));                 // zero-width space is not
    assertEquals(List.of("a", "b"), PyText.split(" a\u00a0 b\t"));
    assertEquals(List.of("", "a", "", "b", ""), PyText.split("\na\n\nb\n", "\n"));
    assertTrue(PyText.isUpper("HELLO, 123!"));
    assertFalse(PyText.isUpper("123!"));                                // no cased character
    assertFalse(PyText.isUpper("HELLO ǅ"));                            // a title-case letter
    assertTrue(PyText.isLower("ß and ǆ"));
    assertEquals(4, PyText.countWords("snake_case x² ½ ⅷ"));           // '_' joins; ², ½, ⅷ are numbers (\w)
    // Python's \w excludes combining marks (vowel signs, virama): "नमस्ते दुनिया" is 5 runs, not 2; Java's Unicode
    // \w would say 2, hence the explicit class (checked against CPython 3 re.findall(r"\w+"))
    assertEquals(5, PyText.countWords("नमस्ते दुनिया"));
  }

  @Test
  void treebankTokens() {
    assertEquals(List.of("I", "DO", "N'T", "KNOW", "."), TreebankWords.tokenize("I DON'T KNOW."));
    assertEquals(List.of("``", "Hi", "''", ",", "she", "said", "(", "twice", ")", "--", "ok", "?"),
        TreebankWords.tokenize("\"Hi\", she said (twice)--ok?"));
    assertEquals(List.of("CAN", "NOT", "GON", "NA", "'T", "IS"), TreebankWords.tokenize("CANNOT GONNA 'TIS"));
    assertEquals(List.of("It", "'s", "$", "5", ":", "a", "U.S.", "deal", "."),
        TreebankWords.tokenize("It's $5: a U.S. deal."));
  }

  @Test
  void pythonJsonLoads() {
    assertTrue(PyJson.valid("[1, -0.5e-3, \"\\u00e9\\n\", {\"a\": {}}, [], true, false, null]"));
    assertTrue(PyJson.valid("Infinity"));
    assertTrue(PyJson.valid("{\"a\": 1, \"a\": 2}"));                  // duplicate keys: the last wins
    assertFalse(PyJson.valid(""));
    assertFalse(PyJson.valid("+1"));
    assertFalse(PyJson.valid("1."));
    assertFalse(PyJson.valid(".5"));
    assertFalse(PyJson.valid("inf"));
    assertFalse(PyJson.valid("\"\\x41\""));
    assertFalse(PyJson.valid("\"\\u12G4\""));
    assertFalse(PyJson.valid("[1] [2]"));                               // extra data
    assertFalse(PyJson.valid("\u00a0{}"));                              // only ' \t\n\r' is JSON whitespace
  }

  @Test
  void looseVariantsInLmEvalOrder() {
    assertEquals(List.of("*a*\nb\n*c*", "a\nb\nc", "b\n*c*", "*a*\nb", "b", "b\nc", "a\nb", "b"),
        IfEvalCheck.looseVariants("*a*\nb\n*c*"));
    assertEquals(List.of("one", "one", "", "", "", "", "", ""), IfEvalCheck.looseVariants("one"));
  }

  @Test
  void languageDetection() {
    LanguageDetection d = LanguageDetection.get();
    assertEquals(Optional.of("de"), d.detect("Der schnelle braune Fuchs springt über den faulen Hund, und die "
        + "Kinder spielen im Garten hinter dem Haus."));
    assertEquals(Optional.of("es"), d.detect("El rápido zorro marrón salta sobre el perro perezoso mientras los "
        + "niños juegan en el jardín."));
    assertEquals(Optional.of("hi"), d.detect("भारत एक विशाल देश है और यहाँ कई भाषाएँ बोली जाती हैं।"));
    assertEquals(Optional.empty(), d.detect("1234 -- !!! 5.6"));       // langdetect: "No features in text"
    // URLs are removed before detection, as langdetect does
    assertEquals(d.detect("Ceci est une phrase en français assez longue pour être reconnue."),
        d.detect("Ceci est une phrase en français assez longue pour être reconnue. "
            + "https://example.com/english/words"));
  }
}
