package dev.llamakit.pipelines.html;

import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * HTML to text, with one parse per page (jsoup's HTML5 parser): {@link #main} keeps the page's main content —
 * paragraphs, headings, list items and table rows as lines, boilerplate (navigation, footers, cookie banners, menus,
 * scripts, styles, link lists) removed by {@link HtmlBlocks} and {@link BlockClassifier}; {@link #all} keeps every
 * block (for a fragment whose text is all content, such as a StackExchange post body: code blocks as text, links as
 * their text).
 */
public final class HtmlText {
  private HtmlText() {}

  /** A page's title (the {@code <title>} text, whitespace collapsed; "" when absent) and main-content lines. */
  public record Page(String title, String text) {}

  /** The title and main-content text of a whole page. */
  public static Page main(String html) {
    Document doc = Jsoup.parse(html);
    Element body = doc.body();
    List<Block> blocks = HtmlBlocks.of(body, true);
    boolean[] keep = BlockClassifier.classify(blocks);
    StringBuilder out = new StringBuilder(html.length() / 4);
    for (int i = 0; i < blocks.size(); i++) {
      if (keep[i]) {
        out.append(blocks.get(i).text()).append('\n');
      }
    }
    return new Page(doc.title().strip(), out.toString().strip());
  }

  /** Every block of an HTML fragment as lines, nothing classified away (scripts and styles still skipped). */
  public static String all(String fragment) {
    Document doc = Jsoup.parseBodyFragment(fragment);
    StringBuilder out = new StringBuilder(fragment.length());
    for (Block b : HtmlBlocks.of(doc.body(), false)) {
      out.append(b.text()).append('\n');
    }
    return out.toString().strip();
  }
}
