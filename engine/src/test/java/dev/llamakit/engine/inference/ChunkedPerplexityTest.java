package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * llama-perplexity's chunked method against llama.cpp's own per-token log-probabilities: three chunks of 40 tokens,
 * each the first 40 ids of a stories260K golden prompt (so each starts with BOS and is a prefix of a sequence the
 * goldens scored in one pass), give the perplexity computed from the goldens' {@code next_logprob} at positions
 * 20..38 of each, its running values and its "+/-".
 */
class ChunkedPerplexityTest {
  private static final String[] PROMPTS = {"story_long", "chat", "multilingual"};
  private static final int CTX = 40;
  private static final Map<String, JsonNode> GOLDEN = new HashMap<>();

  @BeforeAll
  static void readGoldens() throws Exception {
    Path p = SharedFiles.require("golden/model_goldens/stories260K-f32.jsonl");
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(p)) {
      JsonNode r = json.readTree(line);
      GOLDEN.put(r.get("prompt_id").asText(), r);
    }
  }

  private static LlamaModel model() throws Exception {
    Path m = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    return LlamaModel.load(m, ModelOptions.defaults().withThreads(1).withWarmup(false).withExactActivations(true));
  }

  private static int[] tokens() {
    int[] t = new int[CTX * PROMPTS.length + 7];  // 7 extra tokens: a partial chunk, dropped
    for (int c = 0; c < PROMPTS.length; c++) {
      JsonNode ids = GOLDEN.get(PROMPTS[c]).get("ids");
      for (int i = 0; i < CTX; i++) {
        t[c * CTX + i] = ids.get(i).asInt();
      }
    }
    for (int i = CTX * PROMPTS.length; i < t.length; i++) {
      t[i] = 300;
    }
    return t;
  }

  @Test
  void matchesGoldenLogprobs() throws Exception {
    double nll = 0, nll2 = 0;
    int count = 0;
    List<Double> running = new ArrayList<>();
    for (String id : PROMPTS) {
      JsonNode positions = GOLDEN.get(id).get("positions");
      for (int p = CTX / 2; p <= CTX - 2; p++) {
        double lp = positions.get(p).get("next_logprob").asDouble();
        nll -= lp;
        nll2 += lp * lp;
        count++;
      }
      running.add(Math.exp(nll / count));
    }
    double mean = nll / count, ppl = Math.exp(mean);
    double plusMinus = Math.sqrt((nll2 / count - mean * mean) / (count - 1)) * ppl;
    List<Double> seen = new ArrayList<>();
    try (LlamaModel m = model()) {
      ChunkedPerplexity.Result r = ChunkedPerplexity.compute(m, tokens(), CTX, CTX, 0, 1, (c, v) -> seen.add(v));
      assertEquals(3, r.chunks());
      assertEquals(3 * (CTX - CTX / 2 - 1), r.scoredTokens());
      // goldens: every log-prob within 1e-3, so the mean NLL too and PPL within 1e-3 relative
      assertEquals(mean, r.meanNll(), 1e-3);
      assertEquals(1, r.perplexity() / ppl, 1e-3, "PPL " + r.perplexity() + " vs golden " + ppl);
      assertEquals(1, r.uncertainty() / plusMinus, 1e-2, "+/- " + r.uncertainty() + " vs golden " + plusMinus);
      for (int c = 0; c < 3; c++) {
        assertEquals(1, seen.get(c) / running.get(c), 1e-3, "running PPL after chunk " + (c + 1));
      }
      // the batch only changes how the chunk is run, and --chunks how many are scored
      ChunkedPerplexity.Result small = ChunkedPerplexity.compute(m, tokens(), CTX, 7, 0, 1, null);
      assertEquals(r.perplexity(), small.perplexity(), 1e-4 * r.perplexity());
      ChunkedPerplexity.Result one = ChunkedPerplexity.compute(m, tokens(), CTX, CTX, 1, 1, null);
      assertEquals(seen.get(0), one.perplexity(), 1e-6 * one.perplexity());
    }
  }

  @Test
  void bosReplacesEachChunksFirstToken() throws Exception {
    int[] t = tokens();
    for (int c = 0; c < 3; c++) {
      t[c * CTX] = 400;  // not BOS: the method puts BOS back
    }
    try (LlamaModel m = model()) {
      double withBos = ChunkedPerplexity.compute(m, t, CTX, CTX, 0, 1, null).perplexity();
      double without = ChunkedPerplexity.compute(m, t, CTX, CTX, 0, -1, null).perplexity();
      assertEquals(ChunkedPerplexity.compute(m, tokens(), CTX, CTX, 0, 1, null).perplexity(), withBos, 1e-6 * withBos);
      assertTrue(Math.abs(withBos - without) > 1e-3, withBos + " vs " + without);
    }
  }

  @Test
  void needsTwoChunksOfTokens() throws Exception {
    try (LlamaModel m = model()) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ChunkedPerplexity.compute(m, new int[79], CTX, CTX, 0, 1, null));
      assertTrue(e.getMessage().contains("at least 80 tokens") && e.getMessage().contains("only 79"), e.getMessage());
    }
  }
}
