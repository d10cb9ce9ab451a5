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

  /** The one stop policy: a stop string cuts the reply, and the stream never shows it. */
  @Test
  void stopStringsCutTheStreamAndTheReply() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (TextEngine t = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
      int[] prompt = t.encode("Once upon a time", true, false);
      TextGeneration free = t.generate(prompt, SamplingParams.greedy(60), TextListener.none());
      String all = free.text();
      assertTrue(all.length() > 40, all);
      String stop = all.substring(20, 24);
      int cut = all.indexOf(stop);
      StringBuilder streamed = new StringBuilder();
      TextGeneration g = t.generate(prompt, SamplingParams.greedy(60).withStopStrings(List.of(stop)), piece -> {
        streamed.append(piece);
        return true;
      });
      assertEquals(all.substring(0, cut), g.text());
      assertEquals(g.text(), streamed.toString());
      assertEquals(StopReason.STOP_STRING, g.stopReason());
      assertTrue(g.tokens().length < free.tokens().length, "generation ended at the stop string");
    }
  }

  @Test
  void aListenerThatReturnsFalseCancels() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (TextEngine t = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
      int[] prompt = t.encode("Once upon a time", true, false);
      int[] pieces = {0};
      TextGeneration g = t.generate(prompt, SamplingParams.greedy(100), piece -> ++pieces[0] < 3);
      assertEquals(StopReason.LISTENER, g.stopReason());
      assertEquals(3, pieces[0]);
      assertTrue(g.tokens().length < 10, "stopped within a few tokens, not at 100: " + g.tokens().length);
    }
  }

  @Test
  void loadPairsTokenizerAndTemplate() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (TextEngine t = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
      assertEquals(t.engine().model().vocabSize(), t.tokenizer().vocabSize());
      assertTrue(t.chatTemplate().isEmpty(), "stories260K names no chat template");
      var e = org.junit.jupiter.api.Assertions.assertThrows(dev.llamakit.engine.chat.ChatTemplateException.class,
          () -> t.encodeChat(List.of(dev.llamakit.engine.chat.Message.user("hi"))));
      assertTrue(e.getMessage().contains("stories260K-f32.gguf has no chat template"), e.getMessage());
      TextEngine chat = t.withChatTemplate(dev.llamakit.engine.chat.ChatTemplate.byName("llama2"));
      int[] ids = chat.encodeChat(List.of(dev.llamakit.engine.chat.Message.user("hi")));
      assertEquals("[INST] hi [/INST]", chat.tokenizer().decode(ids).strip());
    }
  }

  /** Per-position log-probabilities agree with continuation scoring, and the top list is ordered. */
  @Test
  void tokenLogProbsAgreeWithLoglikelihood() throws Exception {
    var model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (TextEngine t = TextEngine.load(model, ModelOptions.defaults().withThreads(1).withWarmup(false), null)) {
      String context = "Once upon a time there was";
      String cont = " a little girl named Lily.";
      int[] ctx = t.encode(context, true, false);
      int[] c = TextEngine.continuationIds(t.tokenizer(), ctx, context, cont);
      int[] all = java.util.Arrays.copyOf(ctx, ctx.length + c.length);
      System.arraycopy(c, 0, all, ctx.length, c.length);
      List<TokenLogProb> lps = t.tokenLogProbs(all, ctx.length, 5);
      ScoredContinuation s = t.loglikelihood(context, cont);
      assertEquals(c.length, lps.size());
      double sum = 0;
      boolean greedy = true;
      for (int i = 0; i < c.length; i++) {
        TokenLogProb lp = lps.get(i);
        assertEquals(c[i], lp.token());
        assertEquals(s.tokenLogprobs()[i], lp.logprob(), 1e-5);  // same logits, another batch split
        assertEquals(5, lp.topTokens().length);
        for (int j = 1; j < 5; j++) {
          assertTrue(lp.topLogprobs()[j - 1] >= lp.topLogprobs()[j]);
        }
        assertTrue(lp.topLogprobs()[0] >= lp.logprob());
        greedy &= lp.topTokens()[0] == lp.token();
        sum += lp.logprob();
      }
      assertEquals(s.sumLogprob(), sum, 1e-5 * c.length);
      assertEquals(s.isGreedy(), greedy);
    }
  }
}
