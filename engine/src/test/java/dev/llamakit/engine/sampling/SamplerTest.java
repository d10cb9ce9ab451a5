package dev.llamakit.engine.sampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Sampling rules: greedy ties, top-k/top-p/min-p truncation, penalties, seeded reproducibility. */
class SamplerTest {
  @Test
  void greedyTieGoesToLowestId() {
    float[] l = {1f, 3f, 0f, 3f};
    assertEquals(1, new Sampler(SamplingParams.greedy(1), 4).sample(l, 0, new int[0], 0));
  }

  @Test
  void rankingIsDescendingWithIdTies() {
    float[] l = {0.5f, -1f, 2f, 0.5f, Float.NEGATIVE_INFINITY, -0f, 0f};
    int[] out = new int[l.length];
    TokenRanking.rank(l, 0, l.length, out);
    assertArrayEquals(new int[] {2, 0, 3, 5, 6, 1, 4}, out);
  }

  @Test
  void topKAndMinPRestrictCandidates() {
    float[] l = {5f, 4.9f, 4.8f, 0f, 0f, 0f};
    Set<Integer> seen = new HashSet<>();
    Sampler s = new Sampler(SamplingParams.sampled(3, 1).withTopK(2).withMinP(0f).withTopP(1f).withTemperature(1f), 6);
    for (int i = 0; i < 500; i++) {
      seen.add(s.sample(l, 0, new int[0], 0));
    }
    assertEquals(Set.of(0, 1), seen);
    Sampler mp = new Sampler(SamplingParams.sampled(3, 1).withTopK(0).withMinP(0.5f).withTopP(1f)
        .withTemperature(1f), 6);
    for (int i = 0; i < 500; i++) {
      assertTrue(mp.sample(l, 0, new int[0], 0) <= 2);
    }
  }

  @Test
  void repetitionPenaltyChangesGreedyChoice() {
    float[] l = {2f, 1.5f};
    SamplingParams p = SamplingParams.greedy(1).withRepetitionPenalty(2f);
    assertEquals(1, new Sampler(p, 2).sample(l, 0, new int[] {0}, 1));
    assertEquals(0, new Sampler(SamplingParams.greedy(1).withPresencePenalty(0.4f), 2).sample(l, 0, new int[] {0}, 1));
  }

  @Test
  void sameSeedSameSequence() {
    float[] l = new float[100];
    for (int i = 0; i < l.length; i++) {
      l[i] = (float) Math.sin(i);
    }
    SamplingParams p = SamplingParams.sampled(77, 1).withTopK(0).withMinP(0f).withTemperature(1.5f);
    Sampler a = new Sampler(p, 100), b = new Sampler(p, 100);
    for (int i = 0; i < 50; i++) {
      assertEquals(a.sample(l, 0, new int[0], 0), b.sample(l, 0, new int[0], 0));
    }
  }
}
