package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.engine.sampling.Sampler;
import dev.llamakit.engine.synth.ModelShape;
import dev.llamakit.engine.synth.SyntheticModel;
import dev.llamakit.engine.synth.TypeMix;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LlamaModel#decode}, one token of several sequences in one pass, against each sequence decoded alone with
 * {@link LlamaModel#forward}: sequences of different lengths (so different positions), greedy steps fed back, on
 * F32, Q8_0 (Q8_0 activations), Q4_0 and Q4_K_M (Q8_K activations) weights, with 1 and 2 threads.
 *
 * <p>Tolerance: the batched kernels run the one-token kernels on the same values, so a warm JVM gives the same bits;
 * but a method's interpreted, C1 and C2 forms may reduce vector lanes in another order, and this test runs while the
 * kernels compile (two identical prefills on a cold JVM differ by a few ulps). With float activations every logit
 * must be within 1e-5 of the row's largest magnitude (far above that noise). With quantized activations (Q8_0,
 * Q8_K) an ulp can move one activation across a rounding boundary, one quantization step that these random-weight
 * models (logits in the hundreds) carry through the layers: there the bound is 2e-3 of the row's largest magnitude.
 * Both are far below what a wrong position, cache or token gives (differences of the order of the row's range), and
 * the greedy token of every row must be the same.
 */
class BatchDecodeTest {
  static double assertClose(float[] want, float[] got, double tolerance, String what) {
    assertEquals(want.length, got.length, what);
    float scale = 0;
    for (float v : want) {
      scale = Math.max(scale, Math.abs(v));
    }
    double worst = 0;
    for (int i = 0; i < want.length; i++) {
      worst = Math.max(worst, Math.abs(want[i] - got[i]) / scale);
      if (Math.abs(want[i] - got[i]) > tolerance * scale) {
        throw new AssertionError(what + ": logit " + i + " is " + got[i] + ", alone " + want[i] + " (row max "
            + scale + ")");
      }
    }
    return worst;
  }

  @ParameterizedTest
  @CsvSource({"F32, 1", "Q8_0, 2", "Q4_0, 2", "Q4_K_M, 1", "Q4_K_M, 2"})
  void batchedDecodeEqualsEachSequenceAlone(TypeMix mix, int threads, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.gguf");
    // Rows a multiple of 256 so the K-quant mixes keep their K-quant types.
    SyntheticModel.write(new ModelShape(256, 512, 2, 4, 2, 512, 96, 10000, false, false), mix, null, 7, file);
    ModelOptions o = ModelOptions.defaults().withThreads(threads);
    double tol = mix == TypeMix.F32 ? 1e-5 : 2e-3;
    try (LlamaModel m = LlamaModel.load(file, o)) {
      // The first round lets the kernels compile; the second one is checked.
      double first = scenario(m, mix, 1);
      double second = scenario(m, mix, tol);
      System.out.printf("%s threads %d: max difference %.3g (cold), %.3g (warm) of the row's largest logit%n", mix,
          threads, first, second);
    }
  }

  /** Runs 4 sequences alone and batched; returns the largest relative logit difference. */
  private static double scenario(LlamaModel m, TypeMix mix, double tol) {
    int vocab = m.vocabSize();
    int[][] prompts = {prompt(5, 1), prompt(17, 2), prompt(9, 3), prompt(30, 4)};
    int b = prompts.length;
    InferenceState[] batched = new InferenceState[b];
    InferenceState[] alone = new InferenceState[b];
    int[] next = new int[b];
    double worst = 0;
    for (int i = 0; i < b; i++) {
      batched[i] = m.newState();
      alone[i] = m.newState();
      float[] l1 = m.forward(batched[i], prompts[i], 0, prompts[i].length, prompts[i].length - 1);
      float[] l2 = m.forward(alone[i], prompts[i], 0, prompts[i].length, prompts[i].length - 1);
      worst = Math.max(worst, assertClose(l2, l1, tol, mix + " prefill " + i));
      next[i] = Sampler.argmax(l1, 0, vocab);
    }
    for (int step = 0; step < 12; step++) {
      // the batch shrinks and grows: sequence 3 sits out every third step
      int count = step % 3 == 2 ? b - 1 : b;
      float[] got = m.decode(batched, next, count);
      assertEquals(count * vocab, got.length);
      for (int i = 0; i < count; i++) {
        float[] want = m.forward(alone[i], new int[] {next[i]}, 0, 1, 0);
        worst = Math.max(worst, assertClose(want, Arrays.copyOfRange(got, i * vocab, (i + 1) * vocab), tol,
            mix + " step " + step + " sequence " + i));
        if (tol < 1) {
          assertEquals(Sampler.argmax(want, 0, vocab), Sampler.argmax(got, i * vocab, vocab));
        }
        assertEquals(alone[i].position(), batched[i].position());
        next[i] = Sampler.argmax(want, 0, vocab);
      }
    }
    return worst;
  }

  @ParameterizedTest
  @CsvSource({"F32"})
  void badBatchesAreRefused(TypeMix mix, @TempDir Path dir) throws Exception {
    Path file = dir.resolve("m.gguf");
    SyntheticModel.write(new ModelShape(64, 128, 1, 2, 1, 300, 8, 10000, false, false), mix, null, 1, file);
    try (LlamaModel m = LlamaModel.load(file, ModelOptions.defaults().withThreads(1).withWarmup(false))) {
      InferenceState s = m.newState();
      assertThrows(IllegalArgumentException.class, () -> m.decode(new InferenceState[] {s, s}, new int[] {3, 4}, 2));
      assertThrows(IllegalArgumentException.class, () -> m.decode(new InferenceState[] {s}, new int[] {300}, 1));
      m.forward(s, new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 0, 8, 7);
      IllegalArgumentException full = assertThrows(IllegalArgumentException.class,
          () -> m.decode(new InferenceState[] {s}, new int[] {3}, 1));
      assertEquals("sequence 0 of 9 positions exceeds the context of 8", full.getMessage());
    }
  }

  private static int[] prompt(int n, int seed) {
    int[] p = new int[n];
    p[0] = 1;
    for (int i = 1; i < n; i++) {
      p[i] = 3 + (i * 37 + seed * 101) % 500;
    }
    return p;
  }
}
