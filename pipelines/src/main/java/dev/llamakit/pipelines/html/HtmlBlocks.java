package dev.llamakit.pipelines.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Cuts a parsed page into {@link Block}s in one walk of the DOM: every block-level element starts and ends a block,
 * {@code <br>} ends a line (a block of its own), a table row whose cells hold only inline content is one block with
 * its cells joined by {@code " | "}, text inside {@code <pre>} keeps its lines. Elements that never hold main
 * content are skipped with all they hold: scripts, styles, forms and their controls, {@code <nav>}, {@code <aside>},
 * {@code <footer>}, a {@code <header>} outside {@code <article>}/{@code <main>}, hidden elements, and (when
 * {@code dropBoilerplateNames}) elements whose class, id or role holds a {@link BoilerplateNames} token.
 */
final class HtmlBlocks implements NodeFilter {
  private static final Set<String> SKIP = Set.of("script", "style", "noscript", "template", "svg", "math", "iframe",
      "object", "embed", "canvas", "video", "audio", "head", "form", "button", "select", "option", "textarea", "input",
      "label", "map", "dialog");
  private static final Set<String> SKIP_AS_BOILERPLATE = Set.of("nav", "aside", "footer", "menu");
  private static final Set<String> BLOCK = Set.of("address", "article", "blockquote", "body", "caption", "center",
      "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6",
      "header", "hgroup", "hr", "html", "legend", "li", "main", "ol", "p", "pre", "section", "summary", "table",
      "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "frameset", "noframes", "listing", "plaintext", "xmp");
  /** Elements never skipped for their class or id: they hold the page (a body of class "has-sidebar"). */
  private static final Set<String> CONTAINERS = Set.of("html", "body", "main", "article");
  private static final Set<String> HEADING = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

  private final boolean dropBoilerplate;
  private final List<Block> blocks = new ArrayList<>();
  private final StringBuilder text = new StringBuilder(256);
  private int linkChars;
  private int linkDepth;
  private int preDepth;
  private int contentDepth; // inside <article> or <main>
  private Block.Kind kind = Block.Kind.TEXT;
  private Element row; // the data-table row being read, or null
  private boolean firstCell;
  private int group = -1;
  private final List<Element> groupElements = new ArrayList<>();

  private HtmlBlocks(boolean dropBoilerplate) {
    this.dropBoilerplate = dropBoilerplate;
  }

  /** The blocks of {@code root} in document order. */
  static List<Block> of(Element root, boolean dropBoilerplate) {
    HtmlBlocks b = new HtmlBlocks(dropBoilerplate);
    NodeTraversor.filter(b, root);
    b.flush();
    return b.blocks;
  }

  @Override
  public FilterResult head(Node node, int depth) {
    if (node instanceof TextNode t) {
      append(t.getWholeText());
      return FilterResult.CONTINUE;
    }
    if (!(node instanceof Element e)) {
      return FilterResult.SKIP_ENTIRELY; // comments, doctype, data nodes
    }
    String tag = e.normalName();
    if (SKIP.contains(tag) || hidden(e)) {
      return FilterResult.SKIP_ENTIRELY;
    }
    if (dropBoilerplate && (SKIP_AS_BOILERPLATE.contains(tag) || tag.equals("header") && contentDepth == 0
        || !CONTAINERS.contains(tag) && boilerplateAttributes(e))) {
      return FilterResult.SKIP_ENTIRELY;
    }
    switch (tag) {
      case "a" -> linkDepth++;
      case "br" -> {
        if (preDepth > 0) {
          text.append('\n');
        } else if (row == null) {
          flush();
        } else {
          space();
        }
      }
      case "img" -> { }
      case "article", "main" -> contentDepth++;
      default -> { }
    }
    if (tag.equals("tr") && inlineCells(e)) {
      flush();
      row = e;
      firstCell = true;
      kind = Block.Kind.ROW;
      openGroup(table(e));
      return FilterResult.CONTINUE;
    }
    if (row != null && (tag.equals("td") || tag.equals("th"))) {
      if (!firstCell) {
        trimEnd();
        if (!text.isEmpty()) {
          text.append(" | ");
        }
      }
      firstCell = false;
      return FilterResult.CONTINUE;
    }
    if (BLOCK.contains(tag)) {
      flush();
      if (HEADING.contains(tag)) {
        kind = Block.Kind.HEADING;
      } else if (tag.equals("li") || tag.equals("dd") || tag.equals("dt")) {
        kind = Block.Kind.ITEM;
        openGroup(e.parent());
      } else if (tag.equals("pre") || tag.equals("xmp") || tag.equals("listing") || tag.equals("plaintext")) {
        kind = Block.Kind.PRE;
        preDepth++;
      }
    }
    return FilterResult.CONTINUE;
  }

  @Override
  public FilterResult tail(Node node, int depth) {
    if (!(node instanceof Element e)) {
      return FilterResult.CONTINUE;
    }
    String tag = e.normalName();
    switch (tag) {
      case "a" -> linkDepth--;
      case "article", "main" -> contentDepth--;
      case "pre", "xmp", "listing", "plaintext" -> {
        flush();
        preDepth--;
        return FilterResult.CONTINUE;
      }
      default -> { }
    }
    if (e == row) {
      flush();
      row = null;
      return FilterResult.CONTINUE;
    }
    if (row == null && BLOCK.contains(tag)) {
      flush();
    }
    return FilterResult.CONTINUE;
  }

  /** A row whose cells hold no block-level elements: a row of a data table, one line. */
  private static boolean inlineCells(Element tr) {
    for (Element cell : tr.children()) {
      for (Element child : cell.children()) {
        if (BLOCK.contains(child.normalName())) {
          return false;
        }
      }
    }
    return true;
  }

  private static Element table(Element tr) {
    Element p = tr.parent();
    while (p != null && !p.normalName().equals("table")) {
      p = p.parent();
    }
    return p;
  }

  private void openGroup(Element parent) {
    if (parent == null) {
      group = -1;
      return;
    }
    int i = groupElements.lastIndexOf(parent);
    if (i < 0) {
      groupElements.add(parent);
      i = groupElements.size() - 1;
    }
    group = i;
  }

  private boolean boilerplateAttributes(Element e) {
    if (e.attributesSize() == 0) {
      return false;
    }
    String cls = e.attr("class");
    if (!cls.isEmpty() && BoilerplateNames.matches(cls)) {
      return true;
    }
    String id = e.attr("id");
    if (!id.isEmpty() && BoilerplateNames.matches(id)) {
      return true;
    }
    String role = e.attr("role");
    return !role.isEmpty() && BoilerplateNames.matches(role);
  }

  private static boolean hidden(Element e) {
    if (e.attributesSize() == 0) {
      return false;
    }
    if (e.hasAttr("hidden") || "true".equalsIgnoreCase(e.attr("aria-hidden"))) {
      return true;
    }
    String style = e.attr("style");
    if (style.isEmpty()) {
      return false;
    }
    String s = style.replace(" ", "").toLowerCase(java.util.Locale.ROOT);
    return s.contains("display:none") || s.contains("visibility:hidden");
  }

  /** Appends text, collapsing whitespace (except inside {@code <pre>}), counting characters inside links. */
  private void append(String s) {
    int before = text.length();
    if (preDepth > 0) {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '\r') {
          continue;
        }
        text.append(c == '\u00A0' ? ' ' : c);
      }
    } else {
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u00A0') {
          space();
        } else {
          text.append(c);
        }
      }
    }
    if (linkDepth > 0) {
      linkChars += text.length() - before;
    }
  }

  private void space() {
    int n = text.length();
    if (n > 0 && text.charAt(n - 1) != ' ' && text.charAt(n - 1) != '\n') {
      text.append(' ');
    }
  }

  private void trimEnd() {
    int n = text.length();
    while (n > 0 && (text.charAt(n - 1) == ' ')) {
      n--;
    }
    text.setLength(n);
  }

  /** Ends the current block: a block when it holds text, then a fresh one of plain kind. */
  private void flush() {
    String s = kind == Block.Kind.PRE ? stripLines(text) : text.toString().strip();
    if (!s.isEmpty()) {
      blocks.add(new Block(s, Math.min(linkChars, s.length()), kind, group));
    }
    text.setLength(0);
    linkChars = 0;
    if (preDepth == 0) {
      kind = Block.Kind.TEXT;
    }
    if (row == null) {
      group = -1;
    }
  }

  /** A pre block's lines, each right-stripped, blank lines at both ends removed. */
  private static String stripLines(CharSequence t) {
    String s = t.toString();
    StringBuilder b = new StringBuilder(s.length());
    for (String line : s.split("\n", -1)) {
      b.append(line.stripTrailing()).append('\n');
    }
    return b.toString().strip();
  }
}
