package dev.llamakit.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.grammar.JsonMatcher;
import dev.llamakit.engine.grammar.SchemaNode;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SchemaValidator;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code response_format} over loopback on a random-weight model with the full Llama 2 vocabulary
 * (llama-2-tiny-random, llama2 chat template): whatever the weights want, every finished reply parses with Jackson
 * and validates against its schema (the test-side {@link SchemaValidator}), streamed or not; bad formats are 400s
 * naming the field or the schema keyword.
 */
class StructuredOutputTest {
  static TextEngine text;
  static Server server;
  static Http http;

  static final String ORDER = """
      {"type": "object",
       "properties": {
         "customer": {"type": "object",
           "properties": {"name": {"type": "string", "minLength": 1, "maxLength": 16},
             "vip": {"type": "boolean"}, "tier": {"enum": ["bronze", "silver", "gold"]}},
           "required": ["name", "tier"], "additionalProperties": false},
         "items": {"type": "array", "minItems": 1, "maxItems": 3,
           "items": {"type": "object",
             "properties": {"sku": {"type": "string", "maxLength": 8}, "qty": {"type": "integer"},
               "price": {"type": "number"}},
             "required": ["sku", "qty", "price"], "additionalProperties": false}},
         "note": {"type": ["string", "null"], "maxLength": 20},
         "status": {"const": "new"}
       },
       "required": ["customer", "items", "status"],
       "additionalProperties": false}
      """;

  @BeforeAll
  static void start() throws Exception {
    var model = SharedFiles.require("models/llama-2-tiny-random/llama-2-tiny-random.gguf");
    text = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)
        .withChatTemplate(ChatTemplate.byName("llama2"));
    server = Server.start(text, Map.of(), Server.Options.loopback(0, "tiny").withModeration(null));
    http = new Http(server, null);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
      text.close();
    }
  }

  static ObjectNode request(String user, long seed, JsonNode format) {
    ObjectNode b = Http.JSON.createObjectNode();
    b.putArray("messages").addObject().put("role", "user").put("content", user);
    b.put("max_tokens", 600);
    b.put("temperature", 1.0);
    b.put("seed", seed);
    b.set("response_format", format);
    return b;
  }

  static JsonNode schemaFormat(String schema) throws Exception {
    ObjectNode f = Http.JSON.createObjectNode().put("type", "json_schema");
    f.putObject("json_schema").put("name", "order").put("strict", true).set("schema", Http.JSON.readTree(schema));
    return f;
  }

  @Test
  void repliesValidateAgainstTheSchema() throws Exception {
    JsonNode schema = Http.JSON.readTree(ORDER);
    for (long seed = 1; seed <= 4; seed++) {
      JsonNode r = http.post("/v1/chat/completions", request("Give me an order as JSON.", seed, schemaFormat(ORDER)))
          .json();
      String content = r.get("choices").get(0).get("message").get("content").asText();
      assertEquals("stop", r.get("choices").get(0).get("finish_reason").asText(), content);
      assertEquals(List.of(), SchemaValidator.validate(schema, Http.JSON.readTree(content)), content);
    }
  }

  @Test
  void streamedRepliesValidateToo() throws Exception {
    JsonNode schema = Http.JSON.readTree(ORDER);
    ObjectNode body = request("Stream an order.", 9, schemaFormat(ORDER));
    body.put("stream", true);
    List<String> events = http.events("/v1/chat/completions", body);
    StringBuilder content = new StringBuilder();
    String finish = null;
    for (String e : events) {
      if (e.equals("[DONE]")) {
        continue;
      }
      JsonNode c = Http.JSON.readTree(e).get("choices").get(0);
      content.append(c.get("delta").path("content").asText(""));
      if (!c.get("finish_reason").isNull()) {
        finish = c.get("finish_reason").asText();
      }
    }
    assertEquals("stop", finish, content.toString());
    assertEquals(List.of(), SchemaValidator.validate(schema, Http.JSON.readTree(content.toString())),
        content.toString());
  }

  @Test
  void jsonObjectGivesAnObjectOrAValidStart() throws Exception {
    for (long seed = 1; seed <= 3; seed++) {
      ObjectNode body = request("JSON please", seed, Http.JSON.createObjectNode().put("type", "json_object"));
      body.put("max_tokens", 120);
      JsonNode r = http.post("/v1/chat/completions", body).json();
      String content = r.get("choices").get(0).get("message").get("content").asText();
      JsonMatcher m = JsonMatcher.start(SchemaNode.anyObject()).advance(content.getBytes(StandardCharsets.UTF_8));
      assertTrue(m != null, content);
      if (r.get("choices").get(0).get("finish_reason").asText().equals("stop")) {
        assertTrue(Http.JSON.readTree(content).isObject(), content);
      } else {
        assertEquals("length", r.get("choices").get(0).get("finish_reason").asText());
      }
    }
  }

  @Test
  void badFormatsAre400sNamingTheField() throws Exception {
    Http.Response r = http.post("/v1/chat/completions", request("x", 1, schemaFormat(
        "{\"type\": \"object\", \"properties\": {\"mail\": {\"type\": \"string\", \"format\": \"email\"}}}")));
    assertEquals(400, r.status(), r.toString());
    JsonNode e = r.json().get("error");
    assertEquals("response_format.json_schema.schema", e.get("param").asText());
    assertEquals("unsupported_schema", e.get("code").asText());
    assertTrue(e.get("message").asText().contains("'format'") && e.get("message").asText()
        .contains("/properties/mail"), e.toString());
    r = http.post("/v1/chat/completions", request("x", 1, Http.JSON.createObjectNode().put("type", "xml")));
    assertEquals(400, r.status());
    assertEquals("response_format.type", r.json().get("error").get("param").asText());
    ObjectNode noName = (ObjectNode) schemaFormat("{\"type\": \"integer\"}");
    ((ObjectNode) noName.get("json_schema")).remove("name");
    r = http.post("/v1/chat/completions", request("x", 1, noName));
    assertEquals(400, r.status());
    assertEquals("response_format.json_schema.name", r.json().get("error").get("param").asText());
    r = http.post("/v1/chat/completions", request("x", 1, schemaFormat("{\"type\": \"integer\", \"minimum\": 0}")));
    assertEquals(400, r.status());
    assertTrue(r.json().get("error").get("message").asText().contains("'minimum'"), r.toString());
  }
}
