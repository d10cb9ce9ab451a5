package dev.llamakit.pipelines.filters;

import dev.llamakit.pipelines.doc.Document;

/** Test documents for the rule tests. */
public final class Docs {
  private Docs() {}

  public static Document of(String text) {
    return Document.read("test#0", 0, "http://example.com/", null, null, text.length(), (int) text.lines().count(),
        "example.com", null, text, null);
  }
}
