package dev.llamakit.engine.grammar;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the supported subset of JSON Schema into {@link SchemaNode}s for {@link JsonMatcher}.
 *
 * <p>Supported: {@code type} (one or a list of {@code object, array, string, number, integer, boolean, null}),
 * {@code properties}, {@code required}, {@code additionalProperties} (no extra property is ever generated, so any
 * value is accepted), {@code items} (one schema), {@code minItems}, {@code maxItems}, {@code minLength},
 * {@code maxLength}, {@code enum}, {@code const}, {@code anyOf}; annotations ({@code title, description, default,
 * examples, $schema, $id, $comment, deprecated, readOnly, writeOnly}) are ignored. Anything else ({@code pattern},
 * {@code format}, {@code minimum}, {@code $ref}, {@code oneOf}, ...) is a {@link JsonSchemaException} naming it.
 *
 * <p>What is generated: properties in declaration order, optional ones possibly left out; a schema without
 * {@code type} but with {@code properties} (or {@code items}, or a length bound) is read as an object (array,
 * string); without any of these it allows any JSON value (nesting bounded by {@link SchemaNode#MAX_FREE_DEPTH}).
 *
 * <pre>{@code
 * SchemaNode root = JsonSchemaCompiler.compile(new ObjectMapper().readTree(
 *     "{\"type\": \"object\", \"properties\": {\"name\": {\"type\": \"string\", \"maxLength\": 20}}, \"required\": [\"name\"]}"));
 * }</pre>
 */
public final class JsonSchemaCompiler {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ANNOTATIONS = Set.of("title", "description", "default", "examples", "$schema",
      "$id", "$comment", "deprecated", "readOnly", "writeOnly");
  private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
      "items", "minItems", "maxItems", "minLength", "maxLength", "enum", "const", "anyOf");
  private static final List<String> TYPES = List.of("object", "array", "string", "number", "integer", "boolean",
      "null");

  private JsonSchemaCompiler() {}

  /** Compiles {@code schema} (an object or a boolean {@code true}). */
  public static SchemaNode compile(JsonNode schema) {
    return node(schema, "");
  }

  private static SchemaNode node(JsonNode s, String path) {
    if (s.isBoolean()) {
      if (!s.asBoolean()) {
        throw new JsonSchemaException("false", path, "the schema false allows no value");
      }
      return SchemaNode.any(0);
    }
    if (!s.isObject()) {
      throw new JsonSchemaException("", path, "a schema must be an object or true, got " + s);
    }
    for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!SUPPORTED.contains(k) && !ANNOTATIONS.contains(k)) {
        throw new JsonSchemaException(k, path, "unsupported keyword '" + k + "' (supported: type, properties, "
            + "required, additionalProperties, items, minItems, maxItems, minLength, maxLength, enum, const, anyOf)");
      }
    }
    if (s.has("const") || s.has("enum")) {
      return literals(s, path);
    }
    if (s.has("anyOf")) {
      if (s.has("type")) {
        throw new JsonSchemaException("anyOf", path, "anyOf beside type is not supported: put the type in each "
            + "alternative");
      }
      JsonNode alts = s.get("anyOf");
      if (!alts.isArray() || alts.isEmpty()) {
        throw new JsonSchemaException("anyOf", path, "anyOf must be a non-empty array");
      }
      List<SchemaNode> out = new ArrayList<>();
      for (int i = 0; i < alts.size(); i++) {
        out.add(node(alts.get(i), path + "/anyOf/" + i));
      }
      return SchemaNode.anyOf(out);
    }
    List<String> types = types(s, path);
    if (types.size() == 1) {
      return typed(s, types.get(0), path);
    }
    List<SchemaNode> out = new ArrayList<>();
    for (String t : types) {
      out.add(typed(s, t, path));
    }
    return SchemaNode.anyOf(out);
  }

  private static List<String> types(JsonNode s, String path) {
    if (!s.has("type")) {
      if (s.has("properties") || s.has("required") || s.has("additionalProperties")) {
        return List.of("object");
      }
      if (s.has("items") || s.has("minItems") || s.has("maxItems")) {
        return List.of("array");
      }
      if (s.has("minLength") || s.has("maxLength")) {
        return List.of("string");
      }
      return List.of("any");
    }
    JsonNode t = s.get("type");
    List<String> out = new ArrayList<>();
    if (t.isTextual()) {
      out.add(t.asText());
    } else if (t.isArray() && !t.isEmpty()) {
      t.forEach(x -> out.add(x.asText()));
    } else {
      throw new JsonSchemaException("type", path, "type must be a type name or a non-empty array of them, got " + t);
    }
    for (String x : out) {
      if (!TYPES.contains(x)) {
        throw new JsonSchemaException("type", path, "unknown type '" + x + "' (types: " + String.join(", ", TYPES)
            + ")");
      }
    }
    return out;
  }

  private static SchemaNode typed(JsonNode s, String type, String path) {
    return switch (type) {
      case "object" -> object(s, path);
      case "array" -> {
        JsonNode items = s.get("items");
        if (items != null && items.isArray()) {
          throw new JsonSchemaException("items", path, "items as an array (tuple validation) is not supported");
        }
        int min = count(s, "minItems", 0, path);
        int max = count(s, "maxItems", Integer.MAX_VALUE, path);
        if (min > max) {
          throw new JsonSchemaException("minItems", path, "minItems " + min + " > maxItems " + max);
        }
        yield SchemaNode.array(items == null ? SchemaNode.any(1) : node(items, path + "/items"), min, max);
      }
      case "string" -> {
        int min = count(s, "minLength", 0, path);
        int max = count(s, "maxLength", Integer.MAX_VALUE, path);
        if (min > max) {
          throw new JsonSchemaException("minLength", path, "minLength " + min + " > maxLength " + max);
        }
        yield SchemaNode.string(min, max);
      }
      case "number" -> SchemaNode.scalar(SchemaNode.Kind.NUMBER);
      case "integer" -> SchemaNode.scalar(SchemaNode.Kind.INTEGER);
      case "boolean" -> SchemaNode.scalar(SchemaNode.Kind.BOOLEAN);
      case "null" -> SchemaNode.scalar(SchemaNode.Kind.NULL);
      default -> SchemaNode.any(0);
    };
  }

  private static SchemaNode object(JsonNode s, String path) {
    Map<String, SchemaNode> props = new LinkedHashMap<>();
    JsonNode p = s.get("properties");
    if (p != null) {
      if (!p.isObject()) {
        throw new JsonSchemaException("properties", path, "properties must be an object, got " + p);
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        props.put(e.getKey(), node(e.getValue(), path + "/properties/" + pointerEscape(e.getKey())));
      }
    }
    Set<String> required = new HashSet<>();
    JsonNode r = s.get("required");
    if (r != null) {
      if (!r.isArray()) {
        throw new JsonSchemaException("required", path, "required must be an array of property names, got " + r);
      }
      for (JsonNode x : r) {
        if (!x.isTextual() || !props.containsKey(x.asText())) {
          throw new JsonSchemaException("required", path, "required names " + x + ", which is not in properties");
        }
        required.add(x.asText());
      }
    }
    if (props.size() > 64) {
      throw new JsonSchemaException("properties", path, "at most 64 properties per object, got " + props.size());
    }
    if (props.isEmpty() && !s.path("additionalProperties").isBoolean()
        || props.isEmpty() && s.path("additionalProperties").asBoolean()) {
      return SchemaNode.freeObject(1);
    }
    int n = props.size();
    String[] names = props.keySet().toArray(String[]::new);
    byte[][] keys = new byte[n][];
    SchemaNode[] values = new SchemaNode[n];
    boolean[] req = new boolean[n];
    for (int i = 0; i < n; i++) {
      keys[i] = json(JSON.getNodeFactory().textNode(names[i]));
      values[i] = props.get(names[i]);
      req[i] = required.contains(names[i]);
    }
    return SchemaNode.object(names, keys, values, req);
  }

  private static SchemaNode literals(JsonNode s, String path) {
    List<JsonNode> values = new ArrayList<>();
    String keyword = s.has("const") ? "const" : "enum";
    if (s.has("const")) {
      values.add(s.get("const"));
    } else {
      JsonNode e = s.get("enum");
      if (!e.isArray() || e.isEmpty()) {
        throw new JsonSchemaException("enum", path, "enum must be a non-empty array");
      }
      e.forEach(values::add);
    }
    if (s.has("type")) {
      List<String> types = types(s, path);
      values.removeIf(v -> types.stream().noneMatch(t -> hasType(v, t)));
      if (values.isEmpty()) {
        throw new JsonSchemaException(keyword, path, "no " + keyword + " value has the type " + types);
      }
    }
    Set<String> seen = new HashSet<>();
    List<byte[]> out = new ArrayList<>();
    for (JsonNode v : values) {
      byte[] b = json(v);
      if (seen.add(new String(b, StandardCharsets.UTF_8))) {
        out.add(b);
      }
    }
    return SchemaNode.literals(out.toArray(byte[][]::new));
  }

  private static boolean hasType(JsonNode v, String t) {
    return switch (t) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "number" -> v.isNumber();
      case "integer" -> v.isIntegralNumber() || v.isNumber() && v.asDouble() == Math.rint(v.asDouble());
      case "boolean" -> v.isBoolean();
      case "null" -> v.isNull();
      default -> true;
    };
  }

  private static int count(JsonNode s, String keyword, int dflt, String path) {
    if (!s.has(keyword)) {
      return dflt;
    }
    JsonNode n = s.get(keyword);
    if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
      throw new JsonSchemaException(keyword, path, keyword + " must be a non-negative integer, got " + n);
    }
    return n.asInt();
  }

  private static byte[] json(JsonNode v) {
    try {
      return JSON.writeValueAsBytes(v);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pointerEscape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
