package dev.llamakit.engine.constrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.grammar.JsonMatcher;
import dev.llamakit.engine.grammar.JsonSchemaCompiler;
import dev.llamakit.engine.grammar.SchemaNode;
import dev.llamakit.engine.inference.StopReason;
import dev.llamakit.engine.inference.TextEngine;
import dev.llamakit.engine.inference.TextGeneration;
import dev.llamakit.engine.inference.TextListener;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SchemaValidator;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Constrained generation on real models from {@code ../shared}: whatever the weights prefer (a TinyStories model, a
 * random-weight Llama 2 vocabulary, a Llama 3 vocabulary), every reply parses with Jackson and validates against its
 * schema; and the trie walk allows exactly the tokens a token-by-token check of the matcher allows.
 */
class JsonConstraintTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> SCHEMAS = List.of("""
      {"type": "object",
       "properties": {
         "name": {"type": "string", "minLength": 1, "maxLength": 12},
         "age": {"type": "integer"},
         "pets": {"type": "array", "minItems": 1, "maxItems": 3,
           "items": {"type": "object",
             "properties": {"kind": {"enum": ["cat", "dog", "fish"]}, "legs": {"type": "integer"},
               "weight": {"type": "number"}},
             "required": ["kind", "legs"], "additionalProperties": false}},
         "home": {"type": "object", "properties": {"city": {"type": "string", "maxLength": 10},
           "floor": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}, "required": ["city", "floor"]},
         "verified": {"type": "boolean"}
       },
       "required": ["name", "age", "pets", "home", "verified"],
       "additionalProperties": false}
      """, """
      {"type": "array", "minItems": 2, "maxItems": 4,
       "items": {"type": "object", "properties": {"id": {"type": "integer"}, "ok": {"const": true},
         "label": {"type": ["string", "null"], "maxLength": 6}}, "required": ["id", "ok", "label"]}}
      """, """
      {"type": "object", "properties": {"answer": {"enum": ["yes", "no", 42, null]},
        "confidence": {"type": "number"}, "note": {"type": "string", "maxLength": 16}},
       "required": ["answer", "confidence"]}
      """);

  /** A model file and the schemas (indices into SCHEMAS) whose replies fit its context. */
  record Model(String file, int maxTokens, List<Integer> schemas) {}

  @Test
  void everyReplyParsesAndValidatesOnRealModels() throws Exception {
    // stories260K has a context of 128 tokens and spells numbers digit by digit: only the small schema fits.
    List<Model> models = List.of(new Model("models/stories260K/stories260K-f32.gguf", 120, List.of(2)),
        new Model("models/llama-2-tiny-random/llama-2-tiny-random.gguf", 400, List.of(0, 1, 2)),
        new Model("golden/models/llama3-tiny/llama3-tiny-Q8_0.gguf", 400, List.of(0, 1, 2)));
    int checked = 0;
    for (Model mf : models) {
      Path file = SharedFiles.require(mf.file());
      try (TextEngine t = TextEngine.load(file, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
        int[] prompt = t.encode("Once upon a time", true, false);
        for (int si : mf.schemas()) {
          JsonNode schema = JSON.readTree(SCHEMAS.get(si));
          JsonConstraint c = JsonConstraint.of(JsonSchemaCompiler.compile(schema), t.tokenizer());
          List<SamplingParams> runs = List.of(SamplingParams.greedy(mf.maxTokens()),
              SamplingParams.sampled(1, mf.maxTokens()).withTemperature(1.5f).withTopK(0).withMinP(0f),
              SamplingParams.sampled(2, mf.maxTokens()).withTemperature(1.0f));
          for (SamplingParams p : runs) {
            TextGeneration g = t.generate(prompt, p.withConstraint(c), TextListener.none());
            String where = file.getFileName() + " seed " + p.seed() + " greedy " + p.greedy() + ": " + g.text();
            assertEquals(StopReason.STOP_TOKEN, g.stopReason(), where);
            JsonNode v = JSON.readTree(g.text());
            assertEquals(List.of(), SchemaValidator.validate(schema, v), where);
            checked++;
          }
          assertTrue(c.steps() > 0);
        }
      }
    }
    assertEquals(21, checked);
  }

  /**
   * The trie walk's mask (with the plain-string shortcut) equals checking every token's bytes against the matcher, at
   * states along a valid text, on the Llama 2 (SentencePiece, byte fallback) and Llama 3 (byte-level BPE, tokens
   * that cut UTF-8 characters) vocabularies.
   */
  @Test
  void trieWalkAllowsExactlyWhatTheMatcherAllowsLlama2() throws Exception {
    maskEqualsTokenByTokenCheck(SharedFiles.require("models/llama-2-tiny-random/llama-2-tiny-random.gguf"));
  }

  @Test
  void trieWalkAllowsExactlyWhatTheMatcherAllowsLlama3() throws Exception {
    maskEqualsTokenByTokenCheck(SharedFiles.require("golden/models/llama3-tiny/llama3-tiny-Q8_0.gguf"));
  }

  private static void maskEqualsTokenByTokenCheck(Path file) throws Exception {
    try (TextEngine t = TextEngine.load(file, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
      JsonNode schema = JSON.readTree(SCHEMAS.get(0));
      SchemaNode root = JsonSchemaCompiler.compile(schema);
      JsonConstraint c = JsonConstraint.of(root, t.tokenizer());
      TokenTrie trie = TokenTrie.of(t.tokenizer());
      String text = "{\"name\": \"Émile 日本 \\\"E\\\"\", \"age\": -12, \"pets\": [{\"kind\": \"cat\", \"legs\": 4, "
          + "\"weight\": 3.25e1}], \"home\": {\"city\": \"Oslo\", \"floor\": null}, \"verified\": true}";
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      JsonMatcher m = JsonMatcher.start(root);
      int compared = 0;
      for (int i = 0; i <= bytes.length; i++) {
        if (i % 3 == 0 || i == bytes.length) {
          boolean[] expected = new boolean[trie.vocabSize()];
          for (int id = 0; id < expected.length; id++) {
            byte[] b = trie.bytes(id);
            expected[id] = b != null && m.advance(b) != null;
          }
          float[] logits = new float[trie.vocabSize()];
          c.startAt(m).mask(logits, 0, logits.length);
          boolean[] got = new boolean[logits.length];
          for (int id = 0; id < got.length; id++) {
            got[id] = logits[id] != Float.NEGATIVE_INFINITY && !trie.isEndOfGeneration(id);
          }
          assertTrue(Arrays.equals(expected, got), "mask differs after " + text.substring(0, Math.min(i,
              text.length())));
          compared++;
        }
        if (i < bytes.length) {
          m = m.advance(bytes[i] & 0xff);
        }
      }
      assertTrue(m.accepting());
      assertTrue(compared > 40);
    }
  }
}
