package dev.llamakit.engine.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The fixed strings of the built-in templates, read once from {@code templates.json} beside this class. */
final class TemplateFragments {
  private static final String RESOURCE = "templates.json";
  private static final JsonNode ROOT = load(RESOURCE);

  private TemplateFragments() {}

  static JsonNode load(String resource) {
    try (InputStream in = TemplateFragments.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("resource dev/llamakit/engine/chat/" + resource + " is missing");
      }
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource dev/llamakit/engine/chat/" + resource, e);
    }
  }

  /** The string {@code field} of template {@code template}. */
  static String get(String template, String field) {
    JsonNode v = ROOT.path(template).get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalStateException("resource dev/llamakit/engine/chat/" + RESOURCE + ": " + template + "." + field
          + " is missing or not a string");
    }
    return v.asText();
  }

  static List<String> list(String template, String field) {
    JsonNode v = ROOT.path(template).get(field);
    if (v == null || !v.isArray()) {
      throw new IllegalStateException("resource dev/llamakit/engine/chat/" + RESOURCE + ": " + template + "." + field
          + " is missing or not an array");
    }
    List<String> out = new ArrayList<>();
    v.forEach(n -> out.add(n.asText()));
    return List.copyOf(out);
  }
}
