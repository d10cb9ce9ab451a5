package dev.llamakit.eval.task;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the shots of each document of one (sub)task exactly as lm-evaluation-harness does. One sampler per
 * (sub)task holds lm-eval's {@code random.Random(fewshot_seed)} ({@link PyRandom}); {@link #next} is called for the
 * task's documents in their order, from the first, and each call draws {@code n} pool documents ({@code n + 1} when
 * the pool is the test split itself), drops those equal to the document (same fields, as lm-eval's {@code x != doc})
 * and keeps the first {@code n}. {@code random} draws with {@code rnd.sample(pool, k)}; {@code first_n} takes the
 * pool's first {@code k} documents and draws nothing (lm-eval's MMLU and gsm8k_cot samplers). Because the stream
 * advances per document, the shots of the document at position {@code i} are those of draw {@code i}, whatever
 * {@code --limit} is.
 */
public final class FewShotSampler {
  private final String sampler;
  private final List<Doc> pool;
  private final boolean poolIsTestSplit;
  private final PyRandom rnd;

  /**
   * @param sampler {@code random} or {@code first_n}
   * @param pool the few-shot documents in their file order
   * @param poolIsTestSplit true when the few-shot split is the test split (lm-eval then draws one extra)
   * @param seed lm-eval's {@code fewshot_seed} (1234 by default)
   */
  public FewShotSampler(String sampler, List<Doc> pool, boolean poolIsTestSplit, long seed) {
    if (!"first_n".equals(sampler) && !"random".equals(sampler)) {
      throw new IllegalArgumentException("unknown few-shot sampler '" + sampler + "' (first_n, random)");
    }
    this.sampler = sampler;
    this.pool = List.copyOf(pool);
    this.poolIsTestSplit = poolIsTestSplit;
    this.rnd = new PyRandom(seed);
  }

  /** The {@code n} shots of {@code doc}, the next document of the task in order; advances the stream. */
  public List<Doc> next(Doc doc, int n) {
    if (n == 0) {
      return List.of();
    }
    int k = poolIsTestSplit ? n + 1 : n;
    if (k > pool.size()) {
      throw new IllegalArgumentException("asked for " + n + " shots but the few-shot pool of doc " + doc.id()
          + " holds only " + pool.size() + " documents" + (poolIsTestSplit ? " (the doc's own split, so "
          + k + " are drawn)" : ""));
    }
    List<Doc> drawn = "first_n".equals(sampler) ? pool.subList(0, k) : rnd.sample(pool, k);
    List<Doc> out = new ArrayList<>(n);
    for (Doc d : drawn) {
      if (out.size() < n && !d.fields().equals(doc.fields())) {
        out.add(d);
      }
    }
    return List.copyOf(out);
  }
}
