package dev.llamakit.engine.inference;

import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;
import java.util.Arrays;

/**
 * The engine's one working KV cache and the tokens it holds. Each request reuses the longest prefix it shares with
 * the previous request (or with a {@link PrefixCache} entry) and computes only the rest — this is what makes
 * scoring several continuations of one context cost the context once.
 */
final class LiveSequence {
  private final LlamaModel model;
  private final InferenceState state;
  private final int[] tokens;
  private int reused;

  LiveSequence(LlamaModel model) {
    this.model = model;
    this.state = model.newState();
    this.tokens = new int[model.contextLength()];
  }

  InferenceState state() {
    return state;
  }

  int length() {
    return state.position();
  }

  /** Prompt tokens taken from the previous request or the prefix cache in the last {@link #prefill}. */
  int reused() {
    return reused;
  }

  /**
   * Makes the cache hold exactly {@code seq[0..n)} and returns the logits of positions {@code logitsFrom..n)}.
   */
  float[] prefill(int[] seq, int n, int logitsFrom, PrefixCache cache) {
    if (n > tokens.length) {
      throw new IllegalArgumentException("sequence of " + n + " tokens exceeds the context length " + tokens.length);
    }
    if (n == 0 || logitsFrom < 0 || logitsFrom > n) {
      throw new IllegalArgumentException("need at least one token (e.g. BOS); got " + n + ", logits from "
          + logitsFrom);
    }
    int common = 0;
    int have = length();
    while (common < have && common < n && tokens[common] == seq[common]) {
      common++;
    }
    int r = Math.min(common, logitsFrom);
    PrefixCache.Entry e = cache == null ? null : cache.longestPrefixOf(Arrays.copyOf(seq, n));
    if (e != null) {
      int len = e.tokens().length;
      if (len == n && logitsFrom == n - 1 && len > r) {
        if (len > common) {
          state.cache().copyPrefixFrom(e.kv(), len);
          System.arraycopy(e.tokens(), 0, tokens, 0, len);
        } else {
          state.cache().truncate(len);
        }
        reused = len;
        return e.lastLogits().clone();
      }
      if (len <= logitsFrom && len > r) {
        if (len > common) {
          state.cache().copyPrefixFrom(e.kv(), len);
          System.arraycopy(e.tokens(), 0, tokens, 0, len);
        }
        r = len;
      }
    }
    state.cache().truncate(Math.min(r, length()));
    if (length() < r) {
      r = length();
    }
    reused = r;
    System.arraycopy(seq, r, tokens, r, n - r);
    return model.forward(state, seq, r, n, logitsFrom);
  }

  /** Appends one token and returns its logits. */
  float[] append(int token) {
    int p = length();
    if (p >= tokens.length) {
      throw new IllegalStateException("context of " + tokens.length + " positions is full");
    }
    tokens[p] = token;
    return model.forward(state, new int[] {token}, 0, 1, 0);
  }

  /** How many of {@code seq[0..n)} this sequence already holds (its common prefix with them). */
  int commonPrefix(int[] seq, int n) {
    int have = length(), common = 0;
    while (common < have && common < n && tokens[common] == seq[common]) {
      common++;
    }
    return common;
  }

  /** Takes the first {@code n} positions (KV and tokens) of {@code src}, dropping what this sequence held. */
  void adopt(LiveSequence src, int n) {
    state.cache().copyPrefixFrom(src.state.cache(), n);
    System.arraycopy(src.tokens, 0, tokens, 0, n);
  }

  /** Notes {@code token} as the next position's, before a batched decode step runs it through the model. */
  void willAppend(int token) {
    int p = length();
    if (p >= tokens.length) {
      throw new IllegalStateException("context of " + tokens.length + " positions is full");
    }
    tokens[p] = token;
  }

  /** The tokens currently in the cache. */
  int[] tokens() {
    return Arrays.copyOf(tokens, length());
  }
}
