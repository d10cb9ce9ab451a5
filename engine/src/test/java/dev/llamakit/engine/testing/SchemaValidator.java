package dev.llamakit.engine.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * A JSON Schema validator for the subset the engine's grammar compiler supports (type, properties, required,
 * additionalProperties, items, minItems, maxItems, minLength, maxLength in code points, enum, const, anyOf), written
 * from the JSON Schema specification (draft 2020-12 validation vocabulary) for tests: it shares no code with the
 * compiler it checks. Returns the violations, empty when the value is valid.
 */
public final class SchemaValidator {
  private SchemaValidator() {}

  public static List<String> validate(JsonNode schema, JsonNode value) {
    List<String> out = new ArrayList<>();
    check(schema, value, "$", out);
    return out;
  }

  private static void check(JsonNode s, JsonNode v, String at, List<String> out) {
    if (s.isBoolean()) {
      if (!s.asBoolean()) {
        out.add(at + ": schema false");
      }
      return;
    }
    if (s.has("type")) {
      List<String> types = new ArrayList<>();
      if (s.get("type").isArray()) {
        s.get("type").forEach(t -> types.add(t.asText()));
      } else {
        types.add(s.get("type").asText());
      }
      if (types.stream().noneMatch(t -> is(v, t))) {
        out.add(at + ": " + v.getNodeType() + " is not " + types);
        return;
      }
    }
    if (s.has("const") && !same(s.get("const"), v)) {
      out.add(at + ": not the const " + s.get("const"));
    }
    if (s.has("enum")) {
      boolean found = false;
      for (JsonNode e : s.get("enum")) {
        found |= same(e, v);
      }
      if (!found) {
        out.add(at + ": " + v + " not in enum " + s.get("enum"));
      }
    }
    if (s.has("anyOf")) {
      boolean any = false;
      for (JsonNode alt : s.get("anyOf")) {
        any |= validate(alt, v).isEmpty();
      }
      if (!any) {
        out.add(at + ": matches no anyOf alternative");
      }
    }
    if (v.isTextual()) {
      int len = v.asText().codePointCount(0, v.asText().length());
      if (s.has("minLength") && len < s.get("minLength").asInt()) {
        out.add(at + ": length " + len + " < minLength");
      }
      if (s.has("maxLength") && len > s.get("maxLength").asInt()) {
        out.add(at + ": length " + len + " > maxLength");
      }
    }
    if (v.isArray()) {
      if (s.has("minItems") && v.size() < s.get("minItems").asInt()) {
        out.add(at + ": " + v.size() + " items < minItems");
      }
      if (s.has("maxItems") && v.size() > s.get("maxItems").asInt()) {
        out.add(at + ": " + v.size() + " items > maxItems");
      }
      if (s.has("items")) {
        for (int i = 0; i < v.size(); i++) {
          check(s.get("items"), v.get(i), at + "[" + i + "]", out);
        }
      }
    }
    if (v.isObject()) {
      JsonNode props = s.path("properties");
      if (s.has("required")) {
        for (JsonNode r : s.get("required")) {
          if (!v.has(r.asText())) {
            out.add(at + ": required property '" + r.asText() + "' missing");
          }
        }
      }
      Set<String> seen = new HashSet<>();
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        seen.add(k);
        if (props.has(k)) {
          check(props.get(k), v.get(k), at + "." + k, out);
        } else if (s.has("additionalProperties")) {
          check(s.get("additionalProperties"), v.get(k), at + "." + k, out);
        }
      }
    }
  }

  private static boolean is(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber() || v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0;
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> throw new IllegalArgumentException("type " + type);
    };
  }

  /** JSON equality: numbers by value (1 equals 1.0), objects regardless of key order. */
  private static boolean same(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    return a.equals(b);
  }
}
