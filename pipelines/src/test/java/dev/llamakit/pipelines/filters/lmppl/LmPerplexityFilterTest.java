package dev.llamakit.pipelines.filters.lmppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.inference.RollingScore;
import dev.llamakit.engine.inference.ScoredContinuation;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The rule on real small models from {@code ../shared/models}, against the engine's own log-probabilities. */
class LmPerplexityFilterTest {
  static final String STORIES = "models/stories260K/stories260K-f32.gguf";
  static final String TINY_RANDOM = "models/llama-2-tiny-random/llama-2-tiny-random.gguf";
  static final String STORY = "Once upon a time, there was a little girl named Lily. She loved to play outside in"
      + " the park. One day, she saw a big red ball under a tree. She ran to the ball and picked it up. \"Mom, look!\""
      + " said Lily. Her mom smiled and said, \"That is a nice ball. Let's play together.\" They played with the ball"
      + " all day. Lily was very happy.";

  static Document doc(String text) {
    return Document.read("d", 0, "http://example.com/", null, null, text.length(), 1, null, null, text, null);
  }

  static DocumentFilter rule(Path model, Map<String, Object> extra) throws Exception {
    Map<String, Object> p = new HashMap<>(extra);
    p.put("model", model.toString());
    DocumentFilter f = FilterRegistry.standard().create("lm_perplexity", p);
    f.open();
    return f;
  }

  static String randomCharacters(int n, long seed) {
    Random r = new Random(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,;:!?'\"-()";
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  static String longStory(int repeats) {
    return String.join(" ", java.util.Collections.nCopies(repeats, STORY));
  }

  /** exp(-mean) of the engine's per-token log-probabilities of {@code ids} after BOS. */
  static double enginePerplexity(LlamaEngine e, int bos, int[] ids) {
    ScoredContinuation s = e.loglikelihood(new int[] {bos}, ids);
    double sum = 0;
    for (double lp : s.tokenLogprobs()) {
      sum += lp;
    }
    assertEquals(ids.length, s.tokenCount());
    return Math.exp(-sum / ids.length);
  }

  @Test
  void perplexityEqualsTheEnginesPerTokenLogprobs() throws Exception {
    for (String name : List.of(STORIES, TINY_RANDOM)) {
      Path model = SharedFiles.require(name);
      Tokenizer tok = Tokenizer.fromGguf(model);
      DocumentFilter f = rule(model, Map.of("max_tokens", 200, "batch", 16));
      try (LlamaEngine e = LlamaEngine.load(model, ModelOptions.defaults().withThreads(1).withBatchSize(7), 0)) {
        int[] ids = tok.encode(STORY, false, false);
        assertTrue(ids.length > 16 && ids.length <= 200, name + ": " + ids.length + " tokens");
        Verdict v = f.apply(doc(STORY));
        assertTrue(v.kept());
        assertEquals(ids.length, v.signals().number("lm_perplexity_tokens"), name);
        double expected = enginePerplexity(e, tok.bos(), ids);
        double got = v.signals().number("lm_perplexity");
        assertEquals(expected, got, expected * 1e-6, name);
        assertTrue(got > 1, name + ": " + got);
      } finally {
        f.close();
      }
    }
  }

  @Test
  void longerThanTheContextIsScoredInTheEnginesRollingWindows() throws Exception {
    Path model = SharedFiles.require(STORIES);
    Tokenizer tok = Tokenizer.fromGguf(model);
    String text = longStory(12);
    int[] ids = tok.encode(text, false, false);
    DocumentFilter f = rule(model, Map.of("max_tokens", 4000));
    try (LlamaEngine e = LlamaEngine.load(model, ModelOptions.defaults().withThreads(1), 0)) {
      int window = e.model().contextLength();
      assertTrue(ids.length > 2 * window, ids.length + " tokens, context " + window);
      int[] seq = new int[ids.length + 1];
      seq[0] = tok.bos();
      System.arraycopy(ids, 0, seq, 1, ids.length);
      RollingScore expected = e.loglikelihoodRolling(seq, window);
      Verdict v = f.apply(doc(text));
      assertEquals(ids.length, v.signals().number("lm_perplexity_tokens"));
      assertEquals(expected.scoredTokens(), ids.length);
      assertEquals(expected.perplexity(), v.signals().number("lm_perplexity"), expected.perplexity() * 1e-6);
    } finally {
      f.close();
    }
  }

  @Test
  void storiesScoreLowerThanRandomCharacters() throws Exception {
    DocumentFilter f = rule(SharedFiles.require(STORIES), Map.of());
    try {
      double story = f.apply(doc(STORY)).signals().number("lm_perplexity");
      double random = f.apply(doc(randomCharacters(STORY.length(), 7))).signals().number("lm_perplexity");
      assertTrue(story * 3 < random, "story " + story + " vs random " + random);
    } finally {
      f.close();
    }
  }

  @Test
  void longDocumentsAreTruncatedForScoring() throws Exception {
    Path model = SharedFiles.require(STORIES);
    Tokenizer tok = Tokenizer.fromGguf(model);
    String text = longStory(20);
    int[] ids = tok.encode(text, false, false);
    DocumentFilter f = rule(model, Map.of("max_tokens", 40));
    try (LlamaEngine e = LlamaEngine.load(model, ModelOptions.defaults().withThreads(1), 0)) {
      Verdict v = f.apply(doc(text));
      assertEquals(40, v.signals().number("lm_perplexity_tokens"));
      double expected = enginePerplexity(e, tok.bos(), Arrays.copyOf(ids, 40));
      assertEquals(expected, v.signals().number("lm_perplexity"), expected * 1e-6);
      Verdict shortDoc = f.apply(doc("Once upon a time"));
      assertEquals(tok.encode("Once upon a time", false, false).length,
          shortDoc.signals().number("lm_perplexity_tokens"));
    } finally {
      f.close();
    }
  }

  @Test
  void thePrefixOfALongTextIsThePrefixOfItsWholeTokenization() throws Exception {
    for (String name : List.of(STORIES, TINY_RANDOM)) {
      Tokenizer tok = Tokenizer.fromGguf(SharedFiles.require(name));
      for (String text : List.of(longStory(30), randomCharacters(20_000, 3), "a   b\n\n".repeat(3000),
          " ".repeat(5000) + STORY)) {
        int[] whole = tok.encode(text, false, false);
        for (int limit : new int[] {1, 50, 300}) {
          assertTrue(text.length() > (limit + TokenPrefix.MARGIN) * TokenPrefix.CHARS_PER_TOKEN);
          int[] prefix = TokenPrefix.of(tok, text, limit);
          assertEquals(Math.min(limit, whole.length), prefix.length, name);
          assertTrue(Arrays.equals(Arrays.copyOf(whole, prefix.length), prefix), name + " limit " + limit);
        }
      }
    }
  }

  @Test
  void dropsAboveMaxPerplexityOnly() throws Exception {
    Path model = SharedFiles.require(STORIES);
    DocumentFilter measure = rule(model, Map.of("field", "ppl"));
    double ppl;
    try {
      Verdict v = measure.apply(doc(STORY));
      assertNull(v.signals().get("lm_perplexity"));
      ppl = v.signals().number("ppl");
      assertTrue(v.signals().number("ppl_tokens") > 0);
    } finally {
      measure.close();
    }
    DocumentFilter strict = rule(model, Map.of("max_perplexity", ppl * 0.999));
    DocumentFilter lenient = rule(model, Map.of("max_perplexity", ppl * 1.001));
    try {
      Verdict dropped = strict.apply(doc(STORY));
      assertFalse(dropped.kept());
      assertEquals(LmPerplexityFilter.LM_PERPLEXITY_TOO_HIGH, dropped.reason());
      assertTrue(dropped.detail().startsWith("perplexity "), dropped.detail());
      assertEquals(ppl, dropped.signals().number("lm_perplexity"));
      Verdict kept = lenient.apply(doc(STORY));
      assertTrue(kept.kept());
      assertEquals(ppl, kept.signals().number("lm_perplexity"));
    } finally {
      strict.close();
      lenient.close();
    }
  }

  @Test
  void anEmptyDocumentIsKeptWithZeroTokens() throws Exception {
    DocumentFilter f = rule(SharedFiles.require(STORIES), Map.of("max_perplexity", 2.0));
    try {
      Verdict v = f.apply(doc(""));
      assertTrue(v.kept());
      assertEquals(0L, v.signals().get("lm_perplexity_tokens"));
      assertNull(v.signals().get("lm_perplexity"));
    } finally {
      f.close();
    }
  }

  @Test
  void twoThreadsGetTheSameNumbersAsOne() throws Exception {
    DocumentFilter f = rule(SharedFiles.require(STORIES), Map.of("max_tokens", 300));
    try {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        texts.add(i % 3 == 0 ? randomCharacters(200 + 50 * i, i) : longStory(1 + i % 4).substring(i * 7));
      }
      // The engine's kernels round differently before the JIT has compiled them (about 1e-8 relative), so the
      // reference is taken warm: serial passes until two in a row agree exactly.
      List<Double> previous = null;
      List<Double> serial = serialPass(f, texts);
      for (int pass = 0; pass < 12 && !serial.equals(previous); pass++) {
        previous = serial;
        serial = serialPass(f, texts);
      }
      assertEquals(previous, serial, "serial passes never agreed");
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 3; round++) {
          List<Future<Double>> parallel = new ArrayList<>();
          for (String t : texts) {
            parallel.add(pool.submit(() -> f.apply(doc(t)).signals().number("lm_perplexity")));
          }
          for (int i = 0; i < texts.size(); i++) {
            assertEquals(serial.get(i), parallel.get(i).get(), "text " + i + " round " + round);
            assertTrue(serial.get(i) > 1);
          }
        }
      } finally {
        pool.shutdownNow();
      }
    } finally {
      f.close();
    }
  }

  private static List<Double> serialPass(DocumentFilter f, List<String> texts) {
    List<Double> out = new ArrayList<>();
    for (String t : texts) {
      out.add(f.apply(doc(t)).signals().number("lm_perplexity"));
    }
    return out;
  }
}
