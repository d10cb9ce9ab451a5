package dev.llamakit.pipelines.filters.wikipedia;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.pipelines.wikitext.WikitextCleaner;
import java.io.Serializable;

/**
 * A Wikipedia page's wikitext made plain text by {@link WikitextCleaner} (links' labels kept; templates, tables,
 * references, comments, files, categories and formatting removed; headings kept as lines). A page with nothing left
 * (all templates: a disambiguation or list stub) is dropped as {@code WIKITEXT_EMPTY}; with {@code min_chars}, a
 * shorter text as {@code WIKITEXT_TOO_SHORT}.
 */
public final class WikitextFilter implements DocumentFilter {
  public static final DropReason EMPTY = DropReason.of("WIKITEXT_EMPTY");
  public static final DropReason TOO_SHORT = DropReason.of("WIKITEXT_TOO_SHORT");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** The fewest characters of plain text a page keeps (0: any non-empty text). */
    public int minChars = 0;
    /**
     * {@code remove} (the default) drops category links; {@code text} keeps each category's name as text, as the HF
     * {@code wikipedia} builder RedPajama used does.
     */
    public String categoryLinks = "remove";
  }

  private final Params p;

  public WikitextFilter(Params p) {
    if (p.minChars < 0) {
      throw new IllegalArgumentException("min_chars must be at least 0, got " + p.minChars);
    }
    if (!p.categoryLinks.equals("remove") && !p.categoryLinks.equals("text")) {
      throw new IllegalArgumentException("category_links must be remove or text, not '" + p.categoryLinks + "'");
    }
    this.p = p;
  }

  @Override
  public Verdict apply(Document d) {
    WikitextCleaner cleaner = p.categoryLinks.equals("text") ? WikitextCleaner.standard().withCategoryNames()
        : WikitextCleaner.standard();
    String text = cleaner.clean(d.rawContent());
    if (text.isEmpty()) {
      return Verdict.drop(EMPTY, "no text left once markup is removed");
    }
    int len = PyText.len(text);
    if (len < p.minChars) {
      return Verdict.drop(TOO_SHORT, len + " characters < min_chars " + p.minChars);
    }
    int lines = text.split("\n", -1).length;
    return Verdict.keep(d.withContent(text, lines, len)).signal("wikitext_chars", (long) d.rawContent().length());
  }
}
