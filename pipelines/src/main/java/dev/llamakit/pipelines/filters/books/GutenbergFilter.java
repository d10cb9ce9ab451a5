package dev.llamakit.pipelines.filters.books;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes Project Gutenberg's header and footer: the text before the start marker line
 * ({@code *** START OF THE PROJECT GUTENBERG EBOOK … ***}, and the older variants of {@code gutenberg-markers.txt}),
 * the marker lines, and everything from the end marker on (the footer and the licence after it); blank lines at the
 * body's two ends go too, every line between stays as it was (chapter headings, blank-line paragraphs). The header's
 * eBook number, title, author and language become the signals {@code gutenberg_id}, {@code book_title},
 * {@code book_author} and {@code book_language} (always written: they are provenance), the document's title the
 * book's title.
 *
 * <p>A text without a start marker is kept unchanged (not a Gutenberg file: Books3, or already stripped), or dropped
 * as {@code GUTENBERG_NO_MARKERS} with {@code require_markers}; with a start marker but no end marker the body runs
 * to the end. A body with nothing but blank lines is dropped as {@code GUTENBERG_EMPTY_BODY}.
 */
public final class GutenbergFilter implements DocumentFilter {
  public static final DropReason NO_MARKERS = DropReason.of("GUTENBERG_NO_MARKERS");
  public static final DropReason EMPTY_BODY = DropReason.of("GUTENBERG_EMPTY_BODY");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** Drop texts without a start marker instead of keeping them unchanged. */
    public boolean requireMarkers = false;
  }

  private final Params p;

  public GutenbergFilter(Params p) {
    this.p = p;
  }

  @Override
  public Verdict apply(Document d) {
    GutenbergMarkers markers = GutenbergMarkers.standard();
    List<String> lines = List.of(d.rawContent().split("\n", -1));
    int start = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (markers.isStart(lines.get(i))) {
        start = i;
        break;
      }
    }
    if (start < 0) {
      return p.requireMarkers ? Verdict.drop(NO_MARKERS, "no '*** START OF THE PROJECT GUTENBERG EBOOK' line")
          : Verdict.keep();
    }
    int end = lines.size();
    for (int i = start + 1; i < lines.size(); i++) {
      if (markers.isEnd(lines.get(i))) {
        end = i;
        break;
      }
    }
    int from = start + 1;
    int to = end;
    while (from < to && lines.get(from).isBlank()) {
      from++;
    }
    while (to > from && lines.get(to - 1).isBlank()) {
      to--;
    }
    if (from == to) {
      return Verdict.drop(EMPTY_BODY, "nothing between the start marker (line " + (start + 1) + ") and the end marker"
          + (end < lines.size() ? " (line " + (end + 1) + ")" : ""));
    }
    String body = String.join("\n", lines.subList(from, to));
    GutenbergHeader h = GutenbergHeader.parse(new ArrayList<>(lines.subList(0, start)));
    Document out = d.withContent(body, to - from, PyText.len(body));
    if (h.title() != null) {
      out = new Document(out.id(), out.ordinal(), out.url(), out.dateDownload(), out.digest(), out.length(),
          out.nlines(), out.sourceDomain(), h.title(), out.rawContent(), out.ccSegment(), out.lineHashes(), out.dedup(),
          out.language(), out.safety(), out.signals());
    }
    out = with(with(with(with(out, "gutenberg_id", h.id()), "book_title", h.title()), "book_author", h.author()),
        "book_language", h.language());
    return Verdict.keep(out).signal("gutenberg_header_lines", start + 1L)
        .signal("gutenberg_footer_lines", (long) (lines.size() - end));
  }

  private static Document with(Document d, String key, String value) {
    return value == null ? d : d.withSignal(key, value);
  }
}
