package dev.llamakit.engine.inference;

import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.Sampler;
import dev.llamakit.engine.sampling.SamplingParams;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inference API the rest of llamakit uses: generation, continuation scoring, next-token distributions and
 * rolling log-likelihood over token ids, with KV reuse across requests and a byte-bounded {@link PrefixCache}.
 *
 * <p>Requests are serialised (one at a time). Each reuses the KV of the longest prefix it shares with the previous
 * request or with a cached prefix ({@link #cachePrefix}), so scoring many continuations of one context computes the
 * context once. Every log-probability is a double-precision log-softmax over the full vocabulary.
 *
 * <pre>{@code
 * try (LlamaEngine e = LlamaEngine.load(Path.of("model.gguf"), ModelOptions.defaults(), 256L << 20)) {
 *   GenerationResult g = e.generate(promptIds, SamplingParams.greedy(64), (id, i) -> true);
 *   ScoredContinuation s = e.loglikelihood(contextIds, continuationIds);
 *   double[] next = e.nextTokenLogProbs(promptIds);
 * }
 * }</pre>
 */
public final class LlamaEngine implements AutoCloseable {
  /** Default prefix-cache bound: 256 MiB of KV. */
  public static final long DEFAULT_PREFIX_CACHE_BYTES = 256L << 20;

  private final LlamaModel model;
  private final PrefixCache prefixCache;
  private final LiveSequence live;

  /** An engine over an already loaded model with a prefix cache of at most {@code prefixCacheBytes}. */
  public LlamaEngine(LlamaModel model, long prefixCacheBytes) {
    this.model = model;
    this.prefixCache = new PrefixCache(prefixCacheBytes);
    this.live = new LiveSequence(model);
  }

  /** Loads {@code path} (GGUF or llama2.c {@code .bin}). */
  public static LlamaEngine load(Path path, ModelOptions options, long prefixCacheBytes) throws IOException {
    return new LlamaEngine(LlamaModel.load(path, options), prefixCacheBytes);
  }

  /** Loads with the default prefix-cache bound. */
  public static LlamaEngine load(Path path, ModelOptions options) throws IOException {
    return load(path, options, DEFAULT_PREFIX_CACHE_BYTES);
  }

  public LlamaModel model() {
    return model;
  }

  public PrefixCache prefixCache() {
    return prefixCache;
  }

  /** Generates from {@code prompt} (stop strings are not allowed without a {@link TokenText}). */
  public GenerationResult generate(int[] prompt, SamplingParams params, TokenListener listener) {
    return generate(prompt, params, null, listener);
  }

  /**
   * Generates up to {@code params.maxTokens()} tokens after {@code prompt}, streaming each to {@code listener}; never
   * more than the context has room for, however large {@code maxTokens} is. Ends at a stop token (included in the
   * result), a stop string in the decoded bytes ({@code text} required), a full context, or when the listener returns
   * false. Same seed, same output.
   */
  public synchronized GenerationResult generate(int[] prompt, SamplingParams params, TokenText text,
      TokenListener listener) {
    TokenLoop loop = new TokenLoop(prompt, params, text, listener, model.contextLength(), model.vocabSize());
    long t0 = System.nanoTime();
    float[] logits = live.prefill(prompt, prompt.length, prompt.length - 1, prefixCache);
    int reused = live.reused();
    long t1 = System.nanoTime();
    while (loop.running() && loop.step(logits, 0, live.length())) {
      logits = live.append(loop.lastToken());
    }
    long t2 = System.nanoTime();
    return loop.result(reused, t1 - t0, t2 - t1);
  }

  /** Log-likelihood of {@code continuation} after {@code context} (context must hold at least one token). */
  public synchronized ScoredContinuation loglikelihood(int[] context, int[] continuation) {
    if (context.length == 0) {
      throw new IllegalArgumentException("the context must hold at least one token (e.g. BOS)");
    }
    if (continuation.length == 0) {
      return new ScoredContinuation(0, new double[0], true);
    }
    int[] seq = Arrays.copyOf(context, context.length + continuation.length);
    System.arraycopy(continuation, 0, seq, context.length, continuation.length);
    int n = seq.length - 1;
    float[] logits = live.prefill(seq, n, context.length - 1, prefixCache);
    int vocab = model.vocabSize();
    double[] lp = new double[continuation.length];
    double sum = 0;
    boolean greedy = true;
    for (int j = 0; j < continuation.length; j++) {
      lp[j] = logits[j * vocab + continuation[j]] - LogProbs.logSumExp(logits, j * vocab, vocab);
      sum += lp[j];
      greedy &= Sampler.argmax(logits, j * vocab, vocab) == continuation[j];
    }
    return new ScoredContinuation(sum, lp, greedy);
  }

  /** Scores several continuations of one context; the context's KV is computed once and reused. */
  public synchronized List<ScoredContinuation> loglikelihood(int[] context, List<int[]> continuations) {
    List<ScoredContinuation> out = new ArrayList<>(continuations.size());
    for (int[] c : continuations) {
      out.add(loglikelihood(context, c));
    }
    return out;
  }

  /** The full next-token log-probability distribution after {@code prompt} (double log-softmax). */
  public synchronized double[] nextTokenLogProbs(int[] prompt) {
    float[] logits = live.prefill(prompt, prompt.length, prompt.length - 1, prefixCache);
    return LogProbs.logSoftmax(logits, 0, model.vocabSize());
  }

  /** Full-softmax log-probabilities of the {@code candidates} only (e.g. Llama Guard's "safe"/"unsafe"). */
  public synchronized double[] nextTokenLogProbs(int[] prompt, int[] candidates) {
    double[] all = nextTokenLogProbs(prompt);
    double[] out = new double[candidates.length];
    for (int i = 0; i < candidates.length; i++) {
      out[i] = all[candidates[i]];
    }
    return out;
  }

  /**
   * The log-probability of each of {@code tokens[from..)} given the tokens before it, with the {@code top} most
   * likely tokens at each of those positions (OpenAI's {@code logprobs} / {@code top_logprobs}; {@code from >= 1}:
   * the first token has no context). One forward pass over the sequence (a shared prefix's KV is reused).
   */
  public synchronized List<TokenLogProb> tokenLogProbs(int[] tokens, int from, int top) {
    if (from < 1 || from > tokens.length) {
      throw new IllegalArgumentException("from " + from + " must be in [1, " + tokens.length + "]");
    }
    if (top < 0) {
      throw new IllegalArgumentException("top " + top + " must be >= 0");
    }
    List<TokenLogProb> out = new ArrayList<>(tokens.length - from);
    if (from == tokens.length) {
      return out;
    }
    int vocab = model.vocabSize();
    int k = Math.min(top, vocab);
    float[] logits = live.prefill(tokens, tokens.length - 1, from - 1, prefixCache);
    int[] order = new int[vocab];
    for (int p = from; p < tokens.length; p++) {
      int row = (p - from) * vocab;
      double lse = LogProbs.logSumExp(logits, row, vocab);
      int[] ids = new int[k];
      double[] lps = new double[k];
      if (k > 0) {
        dev.llamakit.engine.sampling.TokenRanking.rank(logits, row, vocab, order);
        for (int j = 0; j < k; j++) {
          ids[j] = order[j];
          lps[j] = logits[row + order[j]] - lse;
        }
      }
      out.add(new TokenLogProb(tokens[p], logits[row + tokens[p]] - lse, ids, lps));
    }
    return out;
  }

  /** Rolling log-likelihood with windows of the engine's context length. */
  public RollingScore loglikelihoodRolling(int[] tokens) {
    return loglikelihoodRolling(tokens, model.contextLength());
  }

  /**
   * Scores every token of {@code tokens} after the first (pass BOS first to score the first real token): windows of
   * {@code window} tokens; after the first window each new window starts {@code window/2} tokens back, so every
   * scored token sees at least {@code window/2} tokens of context (llama.cpp's perplexity scores the second half of
   * each window the same way).
   */
  public synchronized RollingScore loglikelihoodRolling(int[] tokens, int window) {
    if (window < 2 || window > model.contextLength()) {
      throw new IllegalArgumentException("window " + window + " must be in [2, " + model.contextLength() + "]");
    }
    int vocab = model.vocabSize();
    double sum = 0;
    int count = 0;
    int scoredUpTo = 1;
    int start = 0;
    while (scoredUpTo < tokens.length) {
      int end = Math.min(start + window, tokens.length);
      int[] win = Arrays.copyOfRange(tokens, start, end);
      int firstPos = scoredUpTo - 1 - start;
      float[] logits = live.prefill(win, win.length - 1, firstPos, prefixCache);
      for (int p = firstPos; p < win.length - 1; p++) {
        int target = win[p + 1];
        int row = (p - firstPos) * vocab;
        sum += logits[row + target] - LogProbs.logSumExp(logits, row, vocab);
        count++;
      }
      scoredUpTo = end;
      start = end - window / 2;
    }
    return new RollingScore(sum, count);
  }

  /**
   * Computes the KV of {@code prefix} and stores it in the prefix cache (LRU, bounded by
   * {@link PrefixCache#maxBytes()}); later requests that start with it reuse it. Returns false when it is larger
   * than the bound.
   */
  public synchronized boolean cachePrefix(int[] prefix) {
    float[] logits = live.prefill(prefix, prefix.length, prefix.length - 1, prefixCache);
    return prefixCache.put(new PrefixCache.Entry(prefix.clone(), live.state().cache().snapshot(prefix.length),
        logits.clone()));
  }

  /** Closes the model. */
  @Override
  public void close() {
    model.close();
  }
}
