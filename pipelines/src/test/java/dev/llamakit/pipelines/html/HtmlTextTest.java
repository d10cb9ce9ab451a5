package dev.llamakit.pipelines.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.io.Resources;
import org.junit.jupiter.api.Test;

/**
 * Golden main-content text of hand-made pages with the boilerplate real pages carry — a cookie banner, a header menu,
 * breadcrumbs, a share bar, a sidebar of links, a newsletter box, a footer, scripts and styles — and with content that
 * looks like boilerplate to a naive filter: a data table, an ingredient list, a preformatted block.
 */
class HtmlTextTest {
  private static void golden(String name, String title) {
    HtmlText.Page page = HtmlText.main(Resources.text(HtmlTextTest.class, name + ".html"));
    assertEquals(Resources.text(HtmlTextTest.class, name + ".txt").strip(), page.text());
    assertEquals(title, page.title());
  }

  @Test
  void newsArticleKeepsArticleAndTableDropsBannerMenusFooter() {
    golden("news", "River levels rise after a wet spring | The Valley Gazette");
  }

  @Test
  void recipeKeepsListsAndPreDropsWidgetsAndNewsletter() {
    golden("recipe", "Lentil soup");
  }

  @Test
  void aPageOfLinksHasNoMainText() {
    String html = "<html><body><ul><li><a href=/a>First story of the day</a></li><li><a href=/b>Second story</a></li>"
        + "<li><a href=/c>Third story with a longer title than the others</a></li></ul></body></html>";
    assertEquals("", HtmlText.main(html).text());
  }

  @Test
  void allKeepsEveryBlockWithCodeAndLinkText() {
    String body = "<p>Use <code>grep -r</code> as in <a href=\"https://example.org/x\">the manual</a>:</p>\n"
        + "<pre><code>grep -r \"needle\" .\n  | sort\n</code></pre>\n<ul><li>one</li><li>two</li></ul>"
        + "<script>alert(1)</script>";
    assertEquals("Use grep -r as in the manual:\ngrep -r \"needle\" .\n  | sort\none\ntwo", HtmlText.all(body));
  }

  @Test
  void boilerplateNamesMatchFirstOrLastTokenOnly() {
    assertTrue(BoilerplateNames.matches("site-footer"));
    assertTrue(BoilerplateNames.matches("mainNav active"));
    assertTrue(BoilerplateNames.matches("cookiebar"));
    assertFalse(BoilerplateNames.matches("skin-vector-search-vue"));
    assertFalse(BoilerplateNames.matches("article-body content"));
  }
}
