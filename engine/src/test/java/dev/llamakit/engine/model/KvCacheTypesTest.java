package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.inference.LogProbs;
import dev.llamakit.engine.sampling.Sampler;
import dev.llamakit.engine.synth.ModelShape;
import dev.llamakit.engine.synth.SyntheticModel;
import dev.llamakit.engine.synth.TypeMix;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F16 and Q8_0 KV caches against the F32 cache on the same model: greedy runs give the same tokens, and the logits
 * at every step stay within a bound set by the cache type's rounding (see {@link #compare}).
 */
class KvCacheTypesTest {
  private static final ModelOptions BASE = ModelOptions.defaults().withThreads(1).withWarmup(false)
      .withExactActivations(true);

  /** Greedy decoding's logits: the prompt's last position, then one row per generated token. */
  private record Run(int[] tokens, float[][] logits) {}

  private static Run greedy(Path model, GgmlType k, GgmlType v, int[] prompt, int steps) throws Exception {
    try (LlamaModel m = LlamaModel.load(model, BASE.withCacheTypes(k, v))) {
      InferenceState s = m.newState();
      assertEquals(k, s.cache().keyType());
      assertEquals(v, s.cache().valueType());
      int vocab = m.vocabSize();
      float[][] rows = new float[steps][];
      int[] out = new int[steps];
      float[] logits = m.forward(s, prompt, 0, prompt.length, prompt.length - 1);
      for (int i = 0; i < steps; i++) {
        rows[i] = logits;
        out[i] = Sampler.argmax(logits, 0, vocab);
        logits = m.forward(s, new int[] {out[i]}, 0, 1, 0);
      }
      return new Run(out, rows);
    }
  }

  /**
   * The largest logit difference relative to the F32 run's logit range at that step, and the largest KL divergence
   * of the next-token distributions. An F16 element is within 2^-11 (relative) of the F32 one, Q8_0 within half a
   * step of {@code amax/127} of its block (about 2^-8 of the block's largest value); attention's dot products and
   * weighted sums carry that relative error to the layer output, and the few layers here do not amplify it beyond
   * a small factor: bounds of 4x the element error (relative to the logit range) and a KL far below the 0.02 the
   * Q8_0 weight quantization is allowed (GgufQuantizerTest) leave room for the amplification and none for a wrong
   * read, which is off by whole values.
   */
  private static double[] compare(Run ref, Run got) {
    double maxRel = 0, maxKl = 0;
    for (int i = 0; i < ref.logits().length; i++) {
      float[] a = ref.logits()[i], b = got.logits()[i];
      float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
      double diff = 0;
      for (int j = 0; j < a.length; j++) {
        lo = Math.min(lo, a[j]);
        hi = Math.max(hi, a[j]);
        diff = Math.max(diff, Math.abs(a[j] - b[j]));
      }
      maxRel = Math.max(maxRel, diff / (hi - lo));
      double[] pa = LogProbs.logSoftmax(a, 0, a.length), pb = LogProbs.logSoftmax(b, 0, b.length);
      double kl = 0;
      for (int j = 0; j < a.length; j++) {
        kl += Math.exp(pa[j]) * (pa[j] - pb[j]);
      }
      maxKl = Math.max(maxKl, kl);
    }
    return new double[] {maxRel, maxKl};
  }

  @Test
  void f16CacheTracksF32OnStories260K() throws Exception {
    Path model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    int[] prompt = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317};
    Run f32 = greedy(model, GgmlType.F32, GgmlType.F32, prompt, 48);
    Run f16 = greedy(model, GgmlType.F16, GgmlType.F16, prompt, 48);
    double[] d = compare(f32, f16);
    System.out.printf("stories260K f16 KV: max logit diff %.2e of the range, max KL %.2e%n", d[0], d[1]);
    assertArrayEquals(f32.tokens(), f16.tokens(), "greedy tokens");
    assertTrue(d[0] < 4 * 0x1p-11, "max relative logit difference " + d[0]);
    assertTrue(d[1] < 1e-4, "max KL " + d[1]);
  }

  @Test
  void f16AndQ8CachesTrackF32OnAModelWith64WideHeads(@TempDir Path dir) throws Exception {
    Path model = dir.resolve("hs64.gguf");
    // 2 heads of 64 (Q8_0 needs whole 32-blocks per head), GQA with 1 KV head
    SyntheticModel.write(new ModelShape(128, 256, 2, 2, 1, 300, 128, 10000, false, false), TypeMix.F32, null, 3,
        model);
    int[] prompt = new int[40];
    for (int i = 0; i < prompt.length; i++) {
      prompt[i] = 3 + (i * 37) % 290;
    }
    Run f32 = greedy(model, GgmlType.F32, GgmlType.F32, prompt, 24);
    for (GgmlType t : new GgmlType[] {GgmlType.F16, GgmlType.Q8_0}) {
      Run got = greedy(model, t, t, prompt, 24);
      double[] d = compare(f32, got);
      System.out.printf("synthetic hs64 %s KV: max logit diff %.2e of the range, max KL %.2e%n", t, d[0], d[1]);
      double element = t == GgmlType.F16 ? 0x1p-11 : 0x1p-8;
      assertTrue(d[0] < 4 * element, t + " max relative logit difference " + d[0]);
      assertTrue(d[1] < 1e-3, t + " max KL " + d[1]);
    }
    Run mixed = greedy(model, GgmlType.Q8_0, GgmlType.F16, prompt, 24);
    assertTrue(compare(f32, mixed)[0] < 4 * 0x1p-8);
  }

  @Test
  void tinyModelF16GreedyTokensMatch(@TempDir Path dir) throws Exception {
    Path model = TinyModels.gguf(dir.resolve("tiny.gguf"));
    int[] prompt = {1, 5, 9};
    Run f32 = greedy(model, GgmlType.F32, GgmlType.F32, prompt, 12);
    Run f16 = greedy(model, GgmlType.F16, GgmlType.F32, prompt, 12);
    assertArrayEquals(f32.tokens(), f16.tokens());
    assertTrue(compare(f32, f16)[0] < 4 * 0x1p-11);
  }

  @Test
  void q8CacheNeedsHeadsOfWholeBlocks(@TempDir Path dir) throws Exception {
    Path model = TinyModels.gguf(dir.resolve("tiny.gguf"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LlamaModel.load(model, BASE.withCacheTypes(GgmlType.F32, GgmlType.Q8_0)));
    assertEquals("KV cache type Q8_0 for values does not fit " + model + ": Q8_0 stores blocks of 32 values and a"
        + " head has 4; use F16 or F32", e.getMessage());
  }

  @Test
  void bytesPerPositionFollowTheTypes(@TempDir Path dir) throws Exception {
    // TinyModels: 2 layers, kvDim 4 (1 KV head of 4)
    Path model = TinyModels.gguf(dir.resolve("tiny.gguf"));
    try (LlamaModel m = LlamaModel.load(model, BASE.withCacheTypes(GgmlType.F16, GgmlType.F32))) {
      KvCache c = m.newState().cache();
      assertEquals(2 * (4 * 2 + 4 * 4), c.bytesPerPosition());
      assertEquals(10 * c.bytesPerPosition(), c.bytesFor(10));
      assertEquals(GgmlType.F16, c.snapshot(0).keyType());
    }
    // TinyLlama: 22 layers, 4 KV heads of 64
    assertEquals(22 * 256 * 4 * 2, KvCache.bytesPerPosition(22, 256, GgmlType.F32, GgmlType.F32));
    assertEquals(22 * 256 * 2 * 2, KvCache.bytesPerPosition(22, 256, GgmlType.F16, GgmlType.F16));
    assertEquals(22 * 8 * 34 * 2, KvCache.bytesPerPosition(22, 256, GgmlType.Q8_0, GgmlType.Q8_0));
  }

  @Test
  void onlyTheCacheTypesLlamaCppsCpuBackendOffersAreOptions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ModelOptions.defaults().withCacheTypes(GgmlType.Q4_0, GgmlType.F16));
    assertTrue(e.getMessage().contains("F32, F16 or Q8_0, got keys Q4_0"), e.getMessage());
  }
}
