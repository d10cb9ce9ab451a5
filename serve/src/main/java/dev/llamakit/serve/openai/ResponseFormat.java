package dev.llamakit.serve.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llamakit.engine.constrain.JsonConstraint;
import dev.llamakit.engine.grammar.JsonSchemaCompiler;
import dev.llamakit.engine.grammar.JsonSchemaException;
import dev.llamakit.engine.grammar.SchemaNode;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.serve.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * OpenAI's {@code response_format} on chat completions: {@code {"type": "text"}} (the default),
 * {@code {"type": "json_object"}} (one JSON object, any keys) or {@code {"type": "json_schema", "json_schema":
 * {"name", "schema", "strict"}}} (JSON that validates against the schema), turned into the engine's
 * {@link JsonConstraint}. A bad field or an unsupported schema keyword is a 400 naming it ({@code param}
 * {@code response_format.json_schema.schema}, code {@code unsupported_schema}). {@code strict} is accepted either way:
 * the constraint is always enforced. Compiled constraints are kept per schema text (their mask caches with them), up
 * to {@link #CACHED} of them.
 */
public final class ResponseFormat {
  static final int CACHED = 32;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private final Tokenizer tokenizer;
  private final Map<String, JsonConstraint> cache = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, JsonConstraint> e) {
      return size() > CACHED;
    }
  };

  public ResponseFormat(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** The constraint {@code body.response_format} asks for, or null for plain text. */
  public JsonConstraint constraint(JsonNode body) {
    JsonNode rf = body.get("response_format");
    if (rf == null || rf.isNull()) {
      return null;
    }
    if (!rf.isObject() || !rf.path("type").isTextual()) {
      throw ApiException.badRequest("response_format", "response_format must be an object with a type (text, "
          + "json_object, json_schema), got " + rf);
    }
    return switch (rf.get("type").asText()) {
      case "text" -> null;
      case "json_object" -> cached("json_object", SchemaNode::anyObject);
      case "json_schema" -> jsonSchema(rf.get("json_schema"));
      default -> throw ApiException.badRequest("response_format.type", "response_format.type must be text, "
          + "json_object or json_schema, got " + rf.get("type"));
    };
  }

  private JsonConstraint jsonSchema(JsonNode js) {
    if (js == null || !js.isObject()) {
      throw ApiException.badRequest("response_format.json_schema", "response_format.json_schema must be an object "
          + "with name and schema");
    }
    if (!js.path("name").isTextual() || !NAME.matcher(js.get("name").asText()).matches()) {
      throw ApiException.badRequest("response_format.json_schema.name", "response_format.json_schema.name must be "
          + "1 to 64 letters, digits, '_' or '-', got " + js.get("name"));
    }
    if (js.has("strict") && !js.get("strict").isBoolean() && !js.get("strict").isNull()) {
      throw ApiException.badRequest("response_format.json_schema.strict", "strict must be true or false, got "
          + js.get("strict"));
    }
    JsonNode schema = js.get("schema");
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw ApiException.badRequest("response_format.json_schema.schema", "response_format.json_schema.schema must "
          + "be a JSON Schema object, got " + schema);
    }
    try {
      return cached(schema.toString(), () -> JsonSchemaCompiler.compile(schema));
    } catch (JsonSchemaException e) {
      throw ApiException.badRequest("response_format.json_schema.schema", "unsupported_schema", e.getMessage());
    }
  }

  private JsonConstraint cached(String key, java.util.function.Supplier<SchemaNode> compile) {
    synchronized (cache) {
      JsonConstraint c = cache.get(key);
      if (c != null) {
        return c;
      }
    }
    JsonConstraint c = JsonConstraint.of(compile.get(), tokenizer);
    synchronized (cache) {
      cache.put(key, c);
    }
    return c;
  }
}
