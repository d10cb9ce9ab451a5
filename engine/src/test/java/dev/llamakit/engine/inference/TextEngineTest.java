package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text-level generation and lm-eval-style scoring on stories260K-f32 against the goldens. */
class TextEngineTest {
  @Test
  void textScoringAndGenerationMatchGoldens() throws Exception {
    var model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    JsonNode rec = null;
    for (String line : Files.readAllLines(SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl"))) {
      JsonNode r = new ObjectMapper().readTree(line);
      if (r.get("prompt_id").asText().equals("story_en")) {
        rec = r;
      }
    }
    try (LlamaEngine e = LlamaEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false))) {
      TextEngine t = new TextEngine(e, Tokenizer.fromGguf(e.model().metadata().orElseThrow()));
      String prompt = rec.get("prompt_text").asText();
      StringBuilder streamed = new StringBuilder();
      String text = t.generate(prompt, SamplingParams.greedy(32), streamed::append);
      assertEquals(text, streamed.toString());
      assertTrue(rec.get("greedy").get("text").asText().startsWith(text), text);
      List<String> conts = List.of(rec.get("continuations").get(0).get("text").asText(),
          rec.get("continuations").get(1).get("text").asText());
      List<ScoredContinuation> s = t.loglikelihood(prompt, conts);
      for (int i = 0; i < 2; i++) {
        JsonNode c = rec.get("continuations").get(i);
        int[] ids = TextEngine.continuationIds(t.tokenizer(), t.tokenizer().encode(prompt, true, false), prompt,
            conts.get(i));
        int[] want = new int[c.get("cont_ids").size()];
        for (int j = 0; j < want.length; j++) {
          want[j] = c.get("cont_ids").get(j).asInt();
        }
        assertArrayEquals(want, ids);
        assertEquals(c.get("sum_logprob").asDouble(), s.get(i).sumLogprob(), 1e-3 * want.length);
      }
    }
  }
}
