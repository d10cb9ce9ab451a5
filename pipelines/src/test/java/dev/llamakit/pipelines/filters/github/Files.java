package dev.llamakit.pipelines.filters.github;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Signals;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import java.util.Map;

/** Crafted source-file documents for the GitHub rule tests. */
final class Files {
  private Files() {}

  static Document file(String path, Object licence, String text) {
    Signals s = Signals.EMPTY.with("repo_name", "o/r").with("path", path);
    if (licence != null) {
      s = s.with("license", licence);
    }
    int nlines = text.isEmpty() ? 0 : text.split("\n", -1).length;
    return new Document("o/r/" + path, 0, null, null, null, text.length(), nlines, null, null, text, null, null, null,
        null, null, s);
  }

  /** The rule's verdict on {@code d}, built from the registry as a recipe would. */
  static Verdict apply(String rule, Map<String, Object> params, Document d) {
    return FilterRegistry.standard().create(rule, params).apply(d);
  }

  static String reason(Verdict v) {
    return v.kept() ? "keep" : v.reason().name();
  }
}
