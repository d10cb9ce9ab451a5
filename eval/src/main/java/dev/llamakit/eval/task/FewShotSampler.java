package dev.llamakit.eval.task;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses the shots of a document: {@code first_n} takes the pool's first documents (lm-eval's deterministic MMLU
 * and gsm8k_cot samplers); {@code random} draws distinct documents with a generator seeded by the run's few-shot seed
 * and the document id, so the shots of a document never depend on which other documents run or in what order.
 * The scored document itself is never its own shot.
 */
public final class FewShotSampler {
  private FewShotSampler() {}

  /** {@code n} shots for {@code doc} from {@code pool}. */
  public static List<Doc> sample(String sampler, List<Doc> pool, Doc doc, int n, long seed) {
    List<Doc> candidates = new ArrayList<>(pool.size());
    for (Doc d : pool) {
      if (!d.id().equals(doc.id())) {
        candidates.add(d);
      }
    }
    if (n > candidates.size()) {
      throw new IllegalArgumentException("asked for " + n + " shots but the few-shot pool of doc " + doc.id()
          + " holds only " + candidates.size() + " documents");
    }
    if ("first_n".equals(sampler)) {
      return List.copyOf(candidates.subList(0, n));
    }
    if (!"random".equals(sampler)) {
      throw new IllegalArgumentException("unknown few-shot sampler '" + sampler + "' (first_n, random)");
    }
    SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ doc.id().hashCode());
    List<Doc> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) { // partial Fisher-Yates
      int j = i + rnd.nextInt(candidates.size() - i);
      Doc t = candidates.get(i);
      candidates.set(i, candidates.get(j));
      candidates.set(j, t);
      out.add(candidates.get(i));
    }
    return out;
  }
}
