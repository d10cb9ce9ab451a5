package dev.llamakit.eval.task;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt template with {@code {{field}}} placeholders, compiled once and checked when the task file is read.
 *
 * <p>Placeholders: {@code {{name}}}, {@code {{name[2]}}} (an element of a list field) and the filters
 * {@code {{name|strip}}} (Python's {@code str.strip()}), {@code {{name|words}}} (underscores to spaces, as lm-eval's
 * MMLU descriptions spell subjects) and {@code {{name|letter}}} (an index field as its letter, 0 = A: lm-eval's
 * {@code ['A','B','C','D'][answer]}). Everything else is literal text.
 */
public final class Template {
  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*)(?:\\[(\\d+)])?(?:\\|(strip|words|letter))?\\s*}}");

  private sealed interface Part permits Literal, Field {}

  private record Literal(String text) implements Part {}

  private record Field(String name, int index, String filter) implements Part {}

  private final String source;
  private final List<Part> parts;

  private Template(String source, List<Part> parts) {
    this.source = source;
    this.parts = parts;
  }

  /** Compiles {@code source}; a malformed placeholder is an error naming it. */
  public static Template compile(String source) {
    List<Part> parts = new ArrayList<>();
    Matcher m = PLACEHOLDER.matcher(source);
    int at = 0;
    while (m.find()) {
      parts.add(new Literal(source.substring(at, m.start())));
      parts.add(new Field(m.group(1), m.group(2) == null ? -1 : Integer.parseInt(m.group(2)), m.group(3)));
      at = m.end();
    }
    String tail = source.substring(at);
    int bad = tail.indexOf("{{");
    for (Part p : parts) {
      if (p instanceof Literal(String t) && t.contains("{{")) {
        bad = 0;
      }
    }
    if (bad >= 0) {
      throw new IllegalArgumentException("malformed placeholder in template \"" + source
          + "\" (use {{field}}, {{field[0]}}, {{field|strip}}, {{field|words}} or {{field|letter}})");
    }
    parts.add(new Literal(tail));
    return new Template(source, List.copyOf(parts));
  }

  /** Renders the template for {@code doc}. */
  public String render(Doc doc) {
    StringBuilder sb = new StringBuilder();
    for (Part p : parts) {
      switch (p) {
        case Literal(String t) -> sb.append(t);
        case Field(String name, int index, String filter) -> {
          String v = index >= 0 ? element(doc, name, index) : doc.text(name);
          if ("strip".equals(filter)) {
            v = v.strip();
          } else if ("words".equals(filter)) {
            v = v.replace('_', ' ');
          } else if ("letter".equals(filter)) {
            int i = doc.integer(name);
            if (i < 0 || i >= 26) {
              throw new IllegalArgumentException("doc " + doc.id() + ": field '" + name + "' = " + i + " has no letter");
            }
            v = String.valueOf((char) ('A' + i));
          }
          sb.append(v);
        }
      }
    }
    return sb.toString();
  }

  private static String element(Doc doc, String name, int index) {
    List<String> l = doc.list(name);
    if (index >= l.size()) {
      throw new IllegalArgumentException("doc " + doc.id() + ": field '" + name + "' has " + l.size()
          + " elements, the template reads [" + index + "]");
    }
    return l.get(index);
  }

  /** The field name when the template is exactly one plain {@code {{field}}} placeholder, else null. */
  public String singleField() {
    if (parts.size() == 3 && parts.get(0) instanceof Literal(String a) && a.isEmpty()
        && parts.get(1) instanceof Field(String name, int index, String filter) && index < 0 && filter == null
        && parts.get(2) instanceof Literal(String b) && b.isEmpty()) {
      return name;
    }
    return null;
  }

  @Override
  public String toString() {
    return source;
  }
}
