package dev.llamakit.pipelines.filters.books;

import dev.llamakit.pipelines.io.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The start and end marker patterns of Project Gutenberg files ({@code gutenberg-markers.txt}). */
final class GutenbergMarkers {
  final List<Pattern> start = new ArrayList<>();
  final List<Pattern> end = new ArrayList<>();

  private static final GutenbergMarkers STANDARD = load();

  static GutenbergMarkers standard() {
    return STANDARD;
  }

  private static GutenbergMarkers load() {
    GutenbergMarkers m = new GutenbergMarkers();
    for (String line : Resources.tableLines(GutenbergMarkers.class, "gutenberg-markers.txt")) {
      int sp = line.indexOf(' ');
      String kind = sp < 0 ? line : line.substring(0, sp);
      Pattern p = Pattern.compile(line.substring(sp + 1), Pattern.CASE_INSENSITIVE);
      switch (kind) {
        case "start" -> m.start.add(p);
        case "end" -> m.end.add(p);
        default -> throw new IllegalStateException("gutenberg-markers.txt: '" + line + "' starts neither with start nor end");
      }
    }
    return m;
  }

  boolean isStart(String line) {
    return matches(start, line);
  }

  boolean isEnd(String line) {
    return matches(end, line);
  }

  private static boolean matches(List<Pattern> ps, String line) {
    if (line.length() > 400 || line.indexOf('*') < 0 && line.toUpperCase(java.util.Locale.ROOT).indexOf("GUTENBERG") < 0
        && line.indexOf("SMALL PRINT") < 0) {
      return false; // cheap test first: most lines of a book hold neither
    }
    for (Pattern p : ps) {
      if (p.matcher(line).matches()) {
        return true;
      }
    }
    return false;
  }
}
