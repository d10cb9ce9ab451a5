package dev.llamakit.pipelines.filters.wikipedia;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class WikipediaRulesTest {
  @Test
  void wikitextRule() {
    WikitextFilter rule = new WikitextFilter(new WikitextFilter.Params());
    Verdict v = rule.apply(Docs.of("== History ==\nThe '''llama''' was [[domestication|domesticated]].{{cn}}"));
    assertEquals("History\nThe llama was domesticated.", v.changed().rawContent());
    assertEquals(2, v.changed().nlines());
    assertEquals(WikitextFilter.EMPTY, rule.apply(Docs.of("{{disambiguation}}\n[[Category:X]]")).reason());
    WikitextFilter.Params p = new WikitextFilter.Params();
    p.minChars = 100;
    assertEquals(WikitextFilter.TOO_SHORT, new WikitextFilter(p).apply(Docs.of("Short.")).reason());
    WikitextFilter.Params hf = new WikitextFilter.Params();
    hf.categoryLinks = "text";
    assertEquals("Llamas.\nCamelids", new WikitextFilter(hf).apply(Docs.of("Llamas.\n[[Category:Camelids|Llama]]"))
        .changed().rawContent());
  }

  @Test
  void languageRule() {
    WikiLanguageFilter rule = new WikiLanguageFilter(new WikiLanguageFilter.Params());
    Document en = Docs.of("x").withSignal("wiki_language", "en");
    Document ja = Docs.of("x").withSignal("wiki_language", "ja");
    assertEquals(Verdict.keep(), rule.apply(en));
    assertEquals(WikiLanguageFilter.NOT_SELECTED, rule.apply(ja).reason());
    assertEquals(WikiLanguageFilter.NOT_SELECTED, rule.apply(Docs.of("x")).reason());
    assertEquals(20, WikiLanguageFilter.LLAMA.size());
    WikiLanguageFilter.Params all = new WikiLanguageFilter.Params();
    all.languages = List.of();
    assertEquals(Verdict.keep(), new WikiLanguageFilter(all).apply(ja));
  }
}
