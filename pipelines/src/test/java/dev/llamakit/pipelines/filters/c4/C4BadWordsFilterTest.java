package dev.llamakit.pipelines.filters.c4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.Docs;
import org.junit.jupiter.api.Test;

class C4BadWordsFilterTest {
  private final C4BadWordsFilter en = new C4BadWordsFilter(new C4BadWordsFilter.Params());

  @Test
  void wholeWordsOfTheListDropThePage() {
    assertEquals(C4BadWordsFilter.BAD_WORDS, en.apply(Docs.of("A page with XXX in it.")).reason());
    assertEquals(C4BadWordsFilter.BAD_WORDS, en.apply(Docs.of("xxx")).reason(), "start and end of text");
    assertEquals(C4BadWordsFilter.BAD_WORDS, en.apply(Docs.of("see: (xxx)")).reason());
    assertEquals(C4BadWordsFilter.BAD_WORDS, en.apply(Docs.of("a 2 girls 1 cup video")).reason(), "multi-word");
    assertEquals(true, en.apply(Docs.of("the xxx.")).signals().get("c4_bad_words"));
  }

  @Test
  void partsOfWordsDoNotCount() {
    assertTrue(en.apply(Docs.of("A careful analysis of the data.")).kept(), "anal inside analysis");
    assertTrue(en.apply(Docs.of("xxxl shirts and xxx_y")).kept(), "\\w includes letters and _");
    assertTrue(en.apply(Docs.of("nudeé")).kept(), "accented letters are word characters");
    assertEquals(false, en.apply(Docs.of("A clean page.")).signals().get("c4_bad_words"));
  }

  @Test
  void documentLanguageChoosesTheList() {
    C4BadWordsFilter.Params p = new C4BadWordsFilter.Params();
    p.useDocumentLanguage = true;
    C4BadWordsFilter f = new C4BadWordsFilter(p);
    Document noLanguage = Docs.of("A page with xxx in it.");
    assertTrue(f.apply(noLanguage).kept(), "no identified language: no list");
    assertEquals(C4BadWordsFilter.BAD_WORDS,
        f.apply(noLanguage.withLanguage(new Document.Language("en", 0.9))).reason());
    assertTrue(f.apply(noLanguage.withLanguage(new Document.Language("la", 0.9))).kept(), "no list for la");
  }
}
