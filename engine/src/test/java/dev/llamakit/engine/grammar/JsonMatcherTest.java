package dev.llamakit.engine.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SchemaValidator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The byte-level matcher against hand-written valid and invalid texts, and the compiler's errors. */
class JsonMatcherTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final String PERSON = """
      {"type": "object",
       "properties": {
         "name": {"type": "string", "minLength": 1, "maxLength": 12},
         "age": {"type": "integer"},
         "tags": {"type": "array", "items": {"enum": ["red", "green", "blue"]}, "minItems": 1, "maxItems": 3},
         "address": {"type": "object", "properties": {"city": {"type": "string", "maxLength": 20},
             "zip": {"type": "string", "maxLength": 5}}, "required": ["city"], "additionalProperties": false},
         "score": {"type": "number"},
         "active": {"type": "boolean"},
         "nick": {"anyOf": [{"type": "string", "maxLength": 8}, {"type": "null"}]},
         "level": {"enum": [1, 12, 123]},
         "kind": {"const": "person"}
       },
       "required": ["name", "age", "tags"],
       "additionalProperties": false}
      """;

  static JsonMatcher run(JsonNode schema, String text) {
    return JsonMatcher.start(JsonSchemaCompiler.compile(schema)).advance(text.getBytes(StandardCharsets.UTF_8));
  }

  static boolean accepts(JsonNode schema, String text) {
    JsonMatcher m = run(schema, text);
    return m != null && m.accepting();
  }

  @Test
  void validTextsAreAcceptedAndValidate() throws Exception {
    JsonNode s = JSON.readTree(PERSON);
    for (String ok : List.of(
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"]}",
        " { \"name\" : \"Ann\" ,\n\"age\": -7, \"tags\": [ \"red\", \"blue\" ] } ",
        "{\"name\":\"Zoë \\\"Z\\\" \\u00e9\",\"age\":0,\"tags\":[\"green\",\"green\",\"green\"],"
            + "\"address\":{\"city\":\"Oslo\"},\"score\":-1.5e+10,\"active\":false,\"nick\":null,\"level\":12,"
            + "\"kind\":\"person\"}",
        "{\"name\":\"日本語のなまえ\",\"age\":1,\"tags\":[\"red\"],\"address\":{\"city\":\"\",\"zip\":\"12345\"},"
            + "\"nick\":\"ok\",\"level\":123}")) {
      JsonMatcher m = run(s, ok.strip());
      assertNotNull(m, ok);
      assertTrue(m.accepting(), ok);
      assertEquals(List.of(), SchemaValidator.validate(s, JSON.readTree(ok)), ok);
    }
  }

  @Test
  void invalidTextsAreRejectedAtTheFirstWrongByte() throws Exception {
    JsonNode s = JSON.readTree(PERSON);
    for (String bad : List.of(
        "{\"age\":31,\"name\":\"Ann\",\"tags\":[\"red\"]}",          // declaration order: name first
        "{\"name\":\"Ann\",\"tags\":[\"red\"]}",                      // age is required
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"],\"x\":1}",   // no other key
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[]}",                  // minItems 1
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\",\"red\",\"red\",\"red\"]}",
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"pink\"]}",
        "{\"name\":\"\",\"age\":31,\"tags\":[\"red\"]}",              // minLength 1
        "{\"name\":\"Annabelle Smith\",\"age\":31,\"tags\":[\"red\"]}", // maxLength 12
        "{\"name\":\"Ann\",\"age\":3.5,\"tags\":[\"red\"]}",          // integer
        "{\"name\":\"Ann\",\"age\":031,\"tags\":[\"red\"]}",          // leading zero
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"],}",          // trailing comma
        "{\"name\":\"A\nn\",\"age\":31,\"tags\":[\"red\"]}",          // raw control character
        "{\"name\":\"\\ud800\",\"age\":31,\"tags\":[\"red\"]}",       // half a surrogate pair
        "{\"name\":\"\\x\",\"age\":31,\"tags\":[\"red\"]}",           // bad escape
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"],\"level\":2}",
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"],\"kind\":\"cat\"}",
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"],\"address\":{\"zip\":\"1\"}}",
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"]} {}",        // one value only
        "{\"name\":\"Ann\",\"age\":31,\"tags\":[\"red\"]}\n")) {      // nothing after the value
      assertFalse(accepts(s, bad), bad);
    }
    // incomplete texts are viable but not accepting
    JsonMatcher m = run(s, "{\"name\":\"Ann\",\"age\":3");
    assertNotNull(m);
    assertFalse(m.accepting());
    // overlong UTF-8 and a UTF-8 surrogate are rejected byte by byte
    JsonMatcher in = run(s, "{\"name\":\"");
    assertEquals(null, in.advance(0xC0));
    assertEquals(null, in.advance(0xED).advance(0xA0));
    assertNotNull(in.advance(0xED).advance(0x9F));
  }

  @Test
  void scalarsAndFreeValues() throws Exception {
    assertTrue(accepts(JSON.readTree("{\"type\": \"integer\"}"), "-120"));
    assertTrue(accepts(JSON.readTree("{\"type\": \"number\"}"), "0.25E-3"));
    assertFalse(accepts(JSON.readTree("{\"type\": \"number\"}"), "1."));
    assertFalse(accepts(JSON.readTree("{\"type\": \"number\"}"), "1234567890123456"));   // 16 digits
    assertTrue(accepts(JSON.readTree("{\"type\": [\"string\", \"null\"]}"), "null"));
    assertTrue(accepts(JSON.readTree("{}"), "[1, {\"a\": [true, null, \"x\"]}, -0.5]"));
    JsonMatcher obj = JsonMatcher.start(SchemaNode.anyObject());
    assertTrue(obj.advance("{\"k\": {\"x\": [1, 2]}, \"k\": \"v\"}".getBytes(StandardCharsets.UTF_8)).accepting());
    assertEquals(null, obj.advance('['));
    assertTrue(accepts(JSON.readTree("{\"type\": \"object\", \"additionalProperties\": false}"), "{}"));
    assertFalse(accepts(JSON.readTree("{\"type\": \"object\", \"additionalProperties\": false}"), "{\"a\":1}"));
  }

  @Test
  void optionalPropertiesMayBeSkippedButNotReordered() throws Exception {
    JsonNode s = JSON.readTree("{\"properties\": {\"a\": {\"type\": \"integer\"}, \"ab\": {\"type\": \"integer\"},"
        + " \"b\": {\"type\": \"integer\"}}, \"required\": [\"b\"]}");
    assertTrue(accepts(s, "{\"b\":1}"));
    assertTrue(accepts(s, "{\"ab\":1,\"b\":2}"));
    assertTrue(accepts(s, "{\"a\":1,\"ab\":1,\"b\":2}"));
    assertFalse(accepts(s, "{\"b\":1,\"a\":2}"));
    assertFalse(accepts(s, "{\"a\":1}"));
    assertFalse(accepts(s, "{}"));
  }

  @Test
  void unsupportedKeywordsAreNamedWithTheirPlace() throws Exception {
    JsonSchemaException e = assertThrows(JsonSchemaException.class, () -> JsonSchemaCompiler.compile(JSON.readTree(
        "{\"type\": \"object\", \"properties\": {\"email\": {\"type\": \"string\", \"pattern\": \"@\"}}}")));
    assertEquals("pattern", e.keyword());
    assertEquals("/properties/email", e.path());
    assertTrue(e.getMessage().contains("unsupported keyword 'pattern'"), e.getMessage());
    for (String[] c : new String[][] {
        {"{\"$ref\": \"#/$defs/x\"}", "$ref"}, {"{\"type\": \"integer\", \"minimum\": 0}", "minimum"},
        {"{\"oneOf\": [{\"type\": \"string\"}]}", "oneOf"}, {"{\"type\": \"date\"}", "type"},
        {"{\"type\": \"object\", \"required\": [\"a\"]}", "required"},
        {"{\"type\": \"array\", \"items\": [{\"type\": \"string\"}]}", "items"},
        {"{\"type\": \"string\", \"minLength\": 3, \"maxLength\": 2}", "minLength"},
        {"{\"enum\": [1, 2], \"type\": \"string\"}", "enum"}}) {
      JsonSchemaException x = assertThrows(JsonSchemaException.class,
          () -> JsonSchemaCompiler.compile(JSON.readTree(c[0])), c[0]);
      assertEquals(c[1], x.keyword(), c[0]);
    }
  }
}
