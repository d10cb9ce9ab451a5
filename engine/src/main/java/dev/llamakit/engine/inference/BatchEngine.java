package dev.llamakit.engine.inference;

import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;

/**
 * Sequence slots on one loaded model for continuous batching: each slot has its own KV cache and position; a
 * scheduler prefills a new request into a free slot between decode steps and then runs one token of every active
 * slot through the model at once ({@link LlamaModel#decode}: one pass over the weights for the whole batch).
 *
 * <p>Prefix reuse: a prefill starts from the longest prefix of the prompt that any slot holds — busy or free, its own
 * previous content included — copying that KV instead of recomputing it, or from the engine's {@link PrefixCache} when
 * that holds more; a second request with the same system prompt prefills only what follows it. Slots keep their
 * content after their request ends, so later requests reuse it too. The caches are allocated on first use. Not
 * thread-safe beyond the model's own serialisation: one scheduler thread drives it.
 *
 * <pre>{@code
 * BatchEngine b = new BatchEngine(engine, 4);
 * float[] l0 = b.prefill(0, promptA);                 // logits of the last prompt position
 * float[] l1 = b.prefill(1, promptB);                 // reuses what it shares with slot 0
 * float[] next = b.decode(new int[] {0, 1}, new int[] {tokA, tokB}, 2);   // 2 * vocab logits
 * }</pre>
 */
public final class BatchEngine {
  private final LlamaEngine engine;
  private final LiveSequence[] slots;
  private final int[] reused;

  /** {@code slots} sequence slots on {@code engine}'s model, sharing its prefix cache. */
  public BatchEngine(LlamaEngine engine, int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots " + slots + " must be >= 1");
    }
    this.engine = engine;
    this.slots = new LiveSequence[slots];
    this.reused = new int[slots];
  }

  public LlamaModel model() {
    return engine.model();
  }

  /** Number of slots. */
  public int slots() {
    return slots.length;
  }

  private LiveSequence slot(int i) {
    if (slots[i] == null) {
      slots[i] = new LiveSequence(engine.model());
    }
    return slots[i];
  }

  /**
   * Makes slot {@code i} hold exactly {@code prompt} and returns the logits of its last position (vocab floats),
   * reusing the longest prefix held by any slot or the prefix cache.
   */
  public float[] prefill(int i, int[] prompt) {
    int n = prompt.length;
    if (n == 0) {
      throw new IllegalArgumentException("need at least one prompt token (e.g. BOS)");
    }
    LiveSequence target = slot(i);
    int own = Math.min(target.commonPrefix(prompt, n), n - 1);
    int best = -1, bestLen = own;
    for (int j = 0; j < slots.length; j++) {
      if (j != i && slots[j] != null) {
        int c = Math.min(slots[j].commonPrefix(prompt, n), n - 1);
        if (c > bestLen) {
          best = j;
          bestLen = c;
        }
      }
    }
    if (best >= 0) {
      target.adopt(slots[best], bestLen);
    }
    float[] logits = target.prefill(prompt, n, n - 1, engine.prefixCache());
    reused[i] = target.reused();
    return logits;
  }

  /** Prompt tokens of slot {@code i}'s last prefill whose KV was reused rather than computed. */
  public int reused(int i) {
    return reused[i];
  }

  /** How many leading tokens of {@code prompt} slot {@code i} already holds (0 for a slot never used). */
  public int sharedPrefix(int i, int[] prompt) {
    return slots[i] == null ? 0 : slots[i].commonPrefix(prompt, prompt.length);
  }

  /** Positions slot {@code i} holds. */
  public int length(int i) {
    return slots[i] == null ? 0 : slots[i].length();
  }

  /**
   * One decode step: {@code tokens[k]} appended to slot {@code which[k]} for {@code k < count} (distinct slots), all
   * in one forward pass; returns {@code count * vocab} logits, row k for slot {@code which[k]}. Each row equals what
   * the slot would get alone.
   */
  public float[] decode(int[] which, int[] tokens, int count) {
    InferenceState[] states = new InferenceState[count];
    for (int k = 0; k < count; k++) {
      LiveSequence s = slot(which[k]);
      s.willAppend(tokens[k]);
      states[k] = s.state();
    }
    return engine.model().decode(states, tokens, count);
  }
}
