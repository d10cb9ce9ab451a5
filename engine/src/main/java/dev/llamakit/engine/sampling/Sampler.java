package dev.llamakit.engine.sampling;

import java.util.SplittableRandom;

/**
 * Picks tokens from logits as {@link SamplingParams} describe; one instance per generation (it owns the seeded
 * random stream). Never allocates per vocabulary entry after construction.
 */
public final class Sampler {
  private final SamplingParams p;
  private final SplittableRandom random;
  private final float[] work;
  private final int[] order;
  private final double[] probs;
  private final TokenConstraint.Session constraint;

  public Sampler(SamplingParams p, int vocabSize) {
    this.p = p;
    this.constraint = p.constraint() == null ? null : p.constraint().start();
    this.random = new SplittableRandom(p.seed());
    this.work = new float[vocabSize];
    this.order = new int[vocabSize];
    this.probs = new double[vocabSize];
  }

  /** The most likely token, lowest id on ties. */
  public static int argmax(float[] logits, int off, int n) {
    int best = 0;
    float bv = logits[off];
    for (int i = 1; i < n; i++) {
      if (logits[off + i] > bv) {
        bv = logits[off + i];
        best = i;
      }
    }
    return best;
  }

  /**
   * Chooses the next token from {@code logits[off .. off+vocab)} given the token history ({@code history[0..len)},
   * prompt included) for the penalties. The logits are not modified. With a {@link TokenConstraint}, the tokens it
   * forbids are masked after the penalties and the picked token is handed to it.
   */
  public int sample(float[] logits, int off, int[] history, int len) {
    int n = work.length;
    System.arraycopy(logits, off, work, 0, n);
    applyPenalties(work, history, len);
    if (constraint == null) {
      return pick(n);
    }
    constraint.mask(work, 0, n);
    int t = pick(n);
    constraint.accept(t);
    return t;
  }

  private int pick(int n) {
    if (p.greedy() || p.temperature() <= 0) {
      return argmax(work, 0, n);
    }
    // candidates sorted by logit, descending, ties by id
    int m = n;
    int k = p.topK() > 0 ? Math.min(p.topK(), n) : n;
    if (k < n) {
      m = selectTopK(k);
    } else {
      TokenRanking.rank(work, 0, n, order);
    }
    double max = work[order[0]] / p.temperature();
    double sum = 0;
    for (int i = 0; i < m; i++) {
      probs[i] = Math.exp(work[order[i]] / p.temperature() - max);
      sum += probs[i];
    }
    // top-p
    if (p.topP() < 1f) {
      double cum = 0;
      for (int i = 0; i < m; i++) {
        cum += probs[i] / sum;
        if (cum >= p.topP()) {
          m = i + 1;
          break;
        }
      }
    }
    // min-p (relative to the top probability, which is exp(0) = 1 here)
    if (p.minP() > 0f) {
      int keep = 1;
      while (keep < m && probs[keep] >= p.minP()) {
        keep++;
      }
      m = keep;
    }
    while (m > 1 && probs[m - 1] == 0) {
      m--;  // masked (negative infinity) tokens are never drawn, not even by rounding
    }
    double total = 0;
    for (int i = 0; i < m; i++) {
      total += probs[i];
    }
    double r = random.nextDouble() * total;
    for (int i = 0; i < m; i++) {
      r -= probs[i];
      if (r < 0) {
        return order[i];
      }
    }
    return order[m - 1];
  }

  private void applyPenalties(float[] l, int[] history, int len) {
    if (p.repetitionPenalty() == 1f && p.presencePenalty() == 0f) {
      return;
    }
    int from = Math.max(0, len - p.penaltyWindow());
    boolean[] seen = new boolean[l.length];
    for (int i = from; i < len; i++) {
      int t = history[i];
      if (t < 0 || t >= l.length || seen[t]) {
        continue;
      }
      seen[t] = true;
      if (p.repetitionPenalty() != 1f) {
        l[t] = l[t] > 0 ? l[t] / p.repetitionPenalty() : l[t] * p.repetitionPenalty();
      }
      l[t] -= p.presencePenalty();
    }
  }

  /** Fills order[0..k) with the k best tokens, sorted; returns k. */
  private int selectTopK(int k) {
    // simple partial selection: keep a sorted array of the best k
    int size = 0;
    for (int i = 0; i < work.length; i++) {
      float v = work[i];
      if (size == k && !(v > work[order[k - 1]])) {
        continue;
      }
      int pos = size == k ? k - 1 : size++;
      while (pos > 0 && v > work[order[pos - 1]]) {
        order[pos] = order[pos - 1];
        pos--;
      }
      order[pos] = i;
    }
    return size;
  }
}
