package dev.llamakit.pipelines.filters.c4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import org.junit.jupiter.api.Test;

/** Expected outputs worked out by hand from tfds c4_utils.clean_page, line by line (comments give the reason). */
class C4LineFilterTest {
  private final C4LineFilter c4 = new C4LineFilter(new C4LineFilter.Params());

  private String cleaned(String page) {
    Verdict v = c4.apply(Docs.of(page));
    assertTrue(v.kept(), v.toString());
    return v.changed() == null ? page : v.changed().rawContent();
  }

  @Test
  void realLookingPageIsCleanedAsTfdsDoes() {
    String page = String.join("\n",
        "Home",                                                             // no end mark
        "Welcome to our bakery in the old town.[1]",                        // citation removed; 1 sentence
        "We bake fresh bread every single morning. Come and try it!",       // 2 sentences
        "Our cakes are made with local butter and eggs.",                   // 1
        "Please enable JavaScript to view this page properly.",             // javascript
        "By using this site you agree to our Terms of Use and cookies.",    // policy
        "Read our privacy policy for more details about us.",               // policy
        "Contact us today for a free quote on your order.",                 // 1
        "Short line here.",                                                 // 3 words < 5
        "What do you think of our new shop in town?",                       // 1
        "He said \"this is the best bread I have ever eaten.\"",            // ends with '"'; 1
        "And then the story continues...");                                 // ends with ...
    Verdict v = c4.apply(Docs.of(page));
    assertTrue(v.kept());
    assertEquals(String.join("\n",
        "Welcome to our bakery in the old town.",
        "We bake fresh bread every single morning. Come and try it!",
        "Our cakes are made with local butter and eggs.",
        "Contact us today for a free quote on your order.",
        "What do you think of our new shop in town?",
        "He said \"this is the best bread I have ever eaten.\""), v.changed().rawContent());
    assertEquals(6, v.changed().nlines());
    assertEquals(7L, v.signals().get("c4_sentences"));
    assertEquals(6L, v.signals().get("c4_lines_kept"));
    assertEquals(6L, v.signals().get("c4_lines_removed"));
  }

  @Test
  void sentenceThresholdIsInclusive() {
    String three = "One two three four five.\nSix seven eight nine ten.\nEleven twelve thirteen fourteen fifteen.";
    assertEquals(three, cleaned(three));
    assertNull(c4.apply(Docs.of(three)).changed(), "unchanged page is kept as it is");
    Verdict two = c4.apply(Docs.of("One two three four five.\nSix seven eight nine ten."));
    assertEquals(C4LineFilter.TOO_FEW_SENTENCES, two.reason());
    assertEquals(2L, two.signals().get("c4_sentences"));
  }

  @Test
  void fiveWordsKeepALineFourDoNot() {
    String page = "Alpha beta gamma delta.\nOne two three four five.\nA b c d e!\nWhy is it so hard?";
    // line 1: 4 words, dropped; the others have 5 words
    assertEquals("One two three four five.\nA b c d e!\nWhy is it so hard?", cleaned(page));
  }

  @Test
  void citationRemovalLeavesTheLineUnstripped() {
    // "[2]" removed after strip(): the line ends with a space, so it has no end mark and is dropped (tfds quirk)
    String page = "Foo bar baz qux quux done. [2]\nOne two three four five.\nSix seven eight nine ten. "
        + "Eleven twelve.\nThirteen [edit] fourteen [citation needed] fifteen sixteen seventeen.";
    assertEquals("One two three four five.\nSix seven eight nine ten. Eleven twelve.\n"
        + "Thirteen  fourteen  fifteen sixteen seventeen.", cleaned(page));
  }

  @Test
  void pageLevelRulesSeeOnlyLinesThatPassedTheLineRules() {
    String ok = "One two three four five.\nSix seven eight nine ten.\nEleven twelve thirteen fourteen fifteen.";
    assertTrue(c4.apply(Docs.of("lorem ipsum dolor\n" + ok)).kept(), "no end mark: line dropped first");
    assertTrue(c4.apply(Docs.of("function f() { return 1; }\n" + ok)).kept(), "no end mark");
    assertTrue(c4.apply(Docs.of("a {b}.\n" + ok)).kept(), "too few words");
    assertEquals(C4LineFilter.LOREM_IPSUM,
        c4.apply(Docs.of(ok + "\nLorem Ipsum dolor sit amet, consectetur.")).reason());
    assertEquals(C4LineFilter.CURLY_BRACKET,
        c4.apply(Docs.of(ok + "\nvar x = {a: 1}; return x and more.")).reason());
    // javascript is checked before '{': such a line is dropped, not the page
    assertTrue(c4.apply(Docs.of(ok + "\nThe javascript code {x} was removed here.")).kept());
  }

  @Test
  void wordsLongerThanTheLimitDropTheLine() {
    String ok = "One two three four five.\nSix seven eight nine ten.\nEleven twelve thirteen fourteen fifteen.";
    String w1000 = "x".repeat(1000);
    String w1001 = "x".repeat(1001);
    assertEquals(ok + "\nA b c " + w1000 + " end.", cleaned(ok + "\nA b c " + w1000 + " end."));
    assertEquals(ok, cleaned(ok + "\nA b c " + w1001 + " end."));
  }

  @Test
  void datatroveStyleParameters() {
    C4LineFilter.Params p = new C4LineFilter.Params();
    p.filterNoTerminalPunct = false;
    p.minWordsPerLine = 3;
    C4LineFilter f = new C4LineFilter(p);
    Verdict v = f.apply(Docs.of("Menu item one\nShort line here.\nOne two three four five.\nSix seven."));
    assertTrue(v.kept());
    assertEquals("Menu item one\nShort line here.\nOne two three four five.", v.changed().rawContent());
    assertEquals(3L, v.signals().get("c4_sentences"));
  }
}
