package dev.llamakit.pipelines.wikitext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WikitextCleanerTest {
  private static final WikitextCleaner C = WikitextCleaner.standard();

  @Test
  void everyConstruct() {
    assertEquals("Paris is the capital of France.", C.clean("'''Paris''' is the [[capital city|capital]] of [[France]].{{cn}}"));
    assertEquals("red apples and pears", C.clean("red [[apple]]s and ''[[pear]]s''"));
    assertEquals("A B", C.clean("A<!-- hidden\nmulti-line --> B"));
    assertEquals("Fact.", C.clean("Fact.<ref name=\"x\">{{cite|a}}</ref><ref name=\"x\"/>"));
    assertEquals("Text", C.clean("{{Infobox|a={{nested|b}}|c=[[d]]}}Text"));
    assertEquals("Before\nAfter", C.clean("Before\n{| class=\"wikitable\"\n|-\n| a || b\n{|\n| inner\n|}\n|}\nAfter"));
    assertEquals("Keep this.", C.clean("[[File:X.jpg|thumb|A [[nested]] caption]]Keep this.[[Category:Y]][[de:Z]]"));
    assertEquals("Datei and Kategorie too", C.clean("[[Datei:A.png|mini]]Datei and [[Kategorie:B]]Kategorie too"));
    assertEquals("see the French article", C.clean("see [[:fr:Lama|the French article]]"));
    assertEquals("see Category:Animals", C.clean("see [[:Category:Animals]]"));
    assertEquals("a label and", C.clean("a [https://example.org label] and [https://example.org/bare]"));
    assertEquals("Title\nText.\nSub\nItem one\nItem two",
        C.clean("== Title ==\nText.\n=== Sub ===\n* Item one\n# Item two\n----\n__TOC__"));
    assertEquals("x 5\u201310 & <y>", C.clean("<small>x</small>&nbsp;5&ndash;10 &amp; &lt;y&gt;"));
    assertEquals("One.\n\nTwo.", C.clean("One.\n\n\n\nTwo.\n\n"));
  }

  @Test
  void unclosedMarkupStaysTextAndIsLinear() {
    assertEquals("{{unclosed [[also", C.clean("{{unclosed [[also"));
    String deep = "{{".repeat(200_000) + "x" + "[[".repeat(200_000);
    assertTimeoutPreemptively(Duration.ofSeconds(20), () -> C.clean(deep));
  }
}
