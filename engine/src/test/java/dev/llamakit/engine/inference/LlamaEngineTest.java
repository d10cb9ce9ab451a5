package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The public inference API on stories260K-f32, checked against the llama.cpp goldens. */
class LlamaEngineTest {
  private static LlamaEngine engine;
  private static List<JsonNode> golden;

  @BeforeAll
  static void load() throws Exception {
    var model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    var g = SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl");
    golden = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    for (String line : Files.readAllLines(g)) {
      golden.add(om.readTree(line));
    }
    engine = LlamaEngine.load(model, ModelOptions.defaults().withThreads(2).withWarmup(false), 1 << 20);
  }

  @AfterAll
  static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private static int[] ints(JsonNode a) {
    int[] r = new int[a.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = a.get(i).asInt();
    }
    return r;
  }

  private static JsonNode record(String id) {
    return golden.stream().filter(r -> r.get("prompt_id").asText().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void greedyGenerationEqualsLlamaCpp() {
    JsonNode r = record("story_en");
    int[] prompt = ints(r.get("ids"));
    List<Integer> streamed = new ArrayList<>();
    GenerationResult g = engine.generate(prompt, SamplingParams.greedy(32), (id, i) -> streamed.add(id));
    assertArrayEquals(ints(r.get("greedy").get("ids")), g.tokens());
    assertEquals(32, streamed.size());
    assertEquals(StopReason.MAX_TOKENS, g.stopReason());
  }

  @Test
  void sameSeedSameOutput() {
    int[] prompt = ints(record("fox_en").get("ids"));
    SamplingParams p = SamplingParams.sampled(1234, 40).withTemperature(1.0f).withTopK(0).withMinP(0f);
    int[] a = engine.generate(prompt, p, TokenListener.none()).tokens();
    int[] b = engine.generate(prompt, p, TokenListener.none()).tokens();
    int[] c = engine.generate(prompt, p.withSeed(99), TokenListener.none()).tokens();
    assertArrayEquals(a, b);
    assertFalse(java.util.Arrays.equals(a, c), "different seeds gave the same 40 tokens");
  }

  @Test
  void stopTokenEndsGeneration() {
    JsonNode r = record("story_en");
    int[] prompt = ints(r.get("ids"));
    int third = r.get("greedy").get("ids").get(2).asInt();
    GenerationResult g = engine.generate(prompt, SamplingParams.greedy(32).withStopTokens(Set.of(third)),
        TokenListener.none());
    assertEquals(StopReason.STOP_TOKEN, g.stopReason());
    assertEquals(third, g.tokens()[g.tokens().length - 1]);
  }

  @Test
  void continuationsMatchGoldenAndBatchEqualsSingles() {
    for (JsonNode r : golden) {
      int[] ctx = ints(r.get("ids"));
      List<int[]> conts = new ArrayList<>();
      for (JsonNode c : r.get("continuations")) {
        conts.add(ints(c.get("cont_ids")));
      }
      List<ScoredContinuation> batch = engine.loglikelihood(ctx, conts);
      for (int i = 0; i < conts.size(); i++) {
        JsonNode c = r.get("continuations").get(i);
        ScoredContinuation single = engine.loglikelihood(ctx, conts.get(i));
        assertEquals(c.get("sum_logprob").asDouble(), single.sumLogprob(), 1e-3 * conts.get(i).length);
        assertEquals(c.get("is_greedy").asBoolean(), single.isGreedy());
        assertEquals(single.sumLogprob(), batch.get(i).sumLogprob(), 1e-4);
        for (int j = 0; j < conts.get(i).length; j++) {
          assertEquals(c.get("token_logprobs").get(j).asDouble(), single.tokenLogprobs()[j], 1e-3);
        }
      }
    }
  }

  @Test
  void nextTokenDistributionMatchesLastPosition() {
    JsonNode r = record("chat");
    int[] ids = ints(r.get("ids"));
    double[] lp = engine.nextTokenLogProbs(ids);
    JsonNode last = r.get("positions").get(ids.length - 1).get("top20");
    for (JsonNode pair : last) {
      assertEquals(pair.get(1).asDouble(), lp[pair.get(0).asInt()], 1e-3);
    }
    double total = 0;
    for (double v : lp) {
      total += Math.exp(v);
    }
    assertEquals(1.0, total, 1e-9);
    double[] two = engine.nextTokenLogProbs(ids, new int[] {last.get(0).get(0).asInt(), 5});
    assertEquals(lp[5], two[1], 1e-5);
  }

  @Test
  void rollingLoglikelihoodEqualsPromptLoglik() {
    JsonNode r = record("story_long");
    int[] ids = ints(r.get("ids"));
    RollingScore whole = engine.loglikelihoodRolling(ids, 128);
    assertEquals(ids.length - 1, whole.scoredTokens());
    assertEquals(r.get("prompt_loglik").asDouble(), whole.sumLogprob(), 1e-3 * ids.length);
    RollingScore windows = engine.loglikelihoodRolling(ids, 32);
    assertEquals(ids.length - 1, windows.scoredTokens());
    assertTrue(windows.perplexity() > 1 && Double.isFinite(windows.perplexity()));
    assertNotEquals(whole.sumLogprob(), windows.sumLogprob());
  }

  @Test
  void prefixCacheReusesAndStaysWithinBytes() {
    JsonNode r = record("story_long");
    int[] ids = ints(r.get("ids"));
    int[] prefix = java.util.Arrays.copyOf(ids, 40);
    int[] cont = java.util.Arrays.copyOfRange(ids, 40, ids.length);
    ScoredContinuation before = engine.loglikelihood(prefix, cont);
    engine.generate(ints(record("fox_en").get("ids")), SamplingParams.greedy(2), TokenListener.none());
    assertTrue(engine.cachePrefix(prefix));
    engine.generate(ints(record("fox_en").get("ids")), SamplingParams.greedy(2), TokenListener.none());
    ScoredContinuation after = engine.loglikelihood(prefix, cont);
    assertEquals(before.sumLogprob(), after.sumLogprob(), 1e-5);
    GenerationResult g = engine.generate(ids, SamplingParams.greedy(1), TokenListener.none());
    assertTrue(g.reusedPromptTokens() >= 40, "reused " + g.reusedPromptTokens());
    PrefixCache cache = engine.prefixCache();
    assertTrue(cache.bytes() <= cache.maxBytes());
    // fill past the bound: older entries are evicted, the total stays bounded
    for (int n = 10; n < 80; n += 10) {
      engine.cachePrefix(java.util.Arrays.copyOf(ids, n));
      assertTrue(cache.bytes() <= cache.maxBytes());
    }
  }
}
