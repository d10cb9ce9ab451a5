package dev.llamakit.safety.engine;

import dev.llamakit.engine.inference.GenerationResult;
import dev.llamakit.engine.inference.LlamaEngine;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.safety.llamaguard.GuardModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Llama Guard model (any GGUF the user supplies) run by llamakit's engine, behind the {@link GuardModel} port.
 *
 * <p>Special-token text in the prompt is parsed as special tokens. P(token) is read from the full-vocabulary softmax
 * at the last prompt position. The fixed policy part of consecutive prompts (everything before the conversation) is
 * computed once: the engine reuses the KV of the prefix a prompt shares with the previous one, and the shared prefix
 * is also stored in the engine's byte-bounded prefix cache, so interleaved requests of other kinds do not evict it.
 */
public final class EngineGuardModel implements GuardModel, AutoCloseable {
  /** Shared prefixes shorter than this are not worth a cache entry. */
  private static final int MIN_CACHED_PREFIX = 32;

  private final LlamaEngine engine;
  private final Tokenizer tokenizer;
  private final String id;
  private final Map<String, Integer> singleTokenIds = new HashMap<>();
  private final Set<Integer> stopTokens = new HashSet<>();
  private int[] previous = new int[0];
  private int cachedPrefixLength;

  public EngineGuardModel(LlamaEngine engine, Tokenizer tokenizer, String id) {
    this.engine = engine;
    this.tokenizer = tokenizer;
    this.id = id;
    for (int t = 0; t < tokenizer.vocabSize(); t++) {
      singleTokenIds.putIfAbsent(new String(tokenizer.tokenBytes(t), StandardCharsets.UTF_8), t);
    }
    stopTokens.add(tokenizer.eos());
    if (tokenizer.eot() >= 0) {
      stopTokens.add(tokenizer.eot());
    }
    tokenizer.id("<|end_of_text|>").ifPresent(stopTokens::add);
  }

  /** Loads a Llama Guard GGUF. */
  public static EngineGuardModel load(Path gguf, ModelOptions options) throws IOException {
    LlamaEngine e = LlamaEngine.load(gguf, options);
    Tokenizer t = Tokenizer.fromGguf(e.model().metadata().orElseThrow(
        () -> new IllegalArgumentException(gguf + ": a Llama Guard model must be a GGUF with its tokenizer")));
    return new EngineGuardModel(e, t, gguf.getFileName().toString());
  }

  @Override
  public String id() {
    return id;
  }

  /** The token ids a prompt is run as (special tokens parsed; BOS only when asked). */
  public int[] encode(String prompt, boolean addBos) {
    return tokenizer.encode(prompt, addBos, true);
  }

  @Override
  public double[] nextTokenProbabilities(String prompt, boolean addBos, List<String> tokenTexts) {
    int[] ids = encode(prompt, addBos);
    rememberPolicyPrefix(ids);
    double[] logp = engine.nextTokenLogProbs(ids);
    double[] out = new double[tokenTexts.size()];
    for (int i = 0; i < out.length; i++) {
      Integer t = singleTokenIds.get(tokenTexts.get(i));
      out[i] = t == null ? 0.0 : Math.exp(logp[t]);
    }
    return out;
  }

  @Override
  public String generate(String prompt, boolean addBos, int maxTokens) {
    int[] ids = encode(prompt, addBos);
    rememberPolicyPrefix(ids);
    SamplingParams greedy = SamplingParams.greedy(maxTokens).withStopTokens(stopTokens);
    GenerationResult g = engine.generate(ids, greedy, (t, i) -> true);
    int[] toks = g.tokens();
    if (toks.length > 0 && stopTokens.contains(toks[toks.length - 1])) {
      toks = Arrays.copyOf(toks, toks.length - 1);
    }
    return tokenizer.decode(toks);
  }

  /** Caches the prefix this prompt shares with the previous one (the policy part) once it is long enough. */
  private void rememberPolicyPrefix(int[] ids) {
    int n = 0;
    while (n < ids.length - 1 && n < previous.length && ids[n] == previous[n]) {
      n++;
    }
    if (n >= MIN_CACHED_PREFIX && n != cachedPrefixLength) {
      engine.cachePrefix(Arrays.copyOf(ids, n));
      cachedPrefixLength = n;
    }
    previous = ids;
  }

  /**
   * Empties the engine's prefix cache and its working KV so the next call computes its whole prompt (for benchmarks
   * that measure what the cache saves).
   */
  public void forgetCachedPrefix() {
    engine.prefixCache().clear();
    engine.nextTokenLogProbs(new int[] {tokenizer.eos()});
    previous = new int[0];
    cachedPrefixLength = 0;
  }

  /** The length in tokens of the prefix currently held in the engine's prefix cache for this shield. */
  public int cachedPrefixLength() {
    return cachedPrefixLength;
  }

  @Override
  public void close() {
    engine.close();
  }
}
