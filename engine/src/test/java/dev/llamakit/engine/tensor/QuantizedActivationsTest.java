package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The vectorized activation quantizer against a plain scalar statement of llama.cpp's rules: Q8_0 with
 * {@code d = amax / 127} and values rounded to nearest, ties to even (its SIMD quantizer); Q8_K with
 * {@code iscale = -127 / x[first largest magnitude]}, {@code min(127, nearest_int(iscale * x))} and per-16 sums.
 */
class QuantizedActivationsTest {
  private static final int N = 2 * 256 + 3 * 32; // not a multiple of 256 for Q8_0: an odd block count

  @Test
  void q8_0MatchesTheScalarRuleIncludingTiesAndEveryDerivedLayout() {
    float[] x = inputs(N, 1);
    QuantizedActivations q = new QuantizedActivations(N);
    q.quantize(ActivationFormat.Q8_0, x, 0, N);
    int nb = N / 32;
    short[] ref = new short[N];
    for (int b = 0; b < nb; b++) {
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[32 * b + j]));
      }
      float d = amax / 127f, id = d != 0 ? 1f / d : 0f;
      for (int j = 0; j < 32; j++) {
        ref[32 * b + j] = (short) Math.rint(x[32 * b + j] * id);
      }
      float scale = Float.float16ToFloat(Float.floatToFloat16(d));
      assertEquals(scale, q.scales[b], "scale of block " + b);
      int sum = 0;
      for (int j = 0; j < 32; j++) {
        sum += ref[32 * b + j];
      }
      assertEquals(8 * scale * sum, q.offsetTerms[b], "offset term of block " + b);
    }
    assertArrayEquals(ref, Arrays.copyOf(q.q16, N));
    for (int b = 0; b < nb; b++) {
      for (int j = 0; j < 16; j++) {
        assertEquals(16 * ref[32 * b + j], q.q16lo16[32 * b + j]);
        assertEquals(ref[32 * b + 16 + j], q.q16lo16[32 * b + 16 + j]);
        assertEquals(ref[32 * b + j], q.q16nib[32 * b + j]);
        assertEquals(ref[32 * b + 16 + j] - 16 * ref[32 * b + j], q.q16nib[32 * b + 16 + j]);
      }
    }
    for (int b = 0; b < nb; b += 2) {
      boolean pair = b + 1 < nb;
      for (int j = 0; j < 16; j++) {
        assertEquals(ref[32 * b + j], q.q16pairs[32 * b + j], "pairs, block " + b);
        if (pair) {
          assertEquals(ref[32 * b + 32 + j], q.q16pairs[32 * b + 16 + j]);
          assertEquals((short) (ref[32 * b + 16 + j] - 16 * ref[32 * b + j]), q.q16pairs[32 * b + 32 + j]);
          assertEquals((short) (ref[32 * b + 48 + j] - 16 * ref[32 * b + 32 + j]), q.q16pairs[32 * b + 48 + j]);
        } else {
          assertEquals((short) (ref[32 * b + 16 + j] - 16 * ref[32 * b + j]), q.q16pairs[32 * b + 16 + j]);
        }
      }
    }
  }

  @Test
  void q8_KMatchesLlamaCppNearestIntIncludingTies() {
    int n = 3 * 256;
    float[] x = inputs(n, 2);
    java.util.Arrays.fill(x, 512, 768, 0f); // an all-zero super-block
    QuantizedActivations q = new QuantizedActivations(n);
    q.quantize(ActivationFormat.Q8_K, x, 0, n);
    for (int b = 0; b < n / 256; b++) {
      float amax = 0, max = 0;
      for (int j = 0; j < 256; j++) {
        float ax = Math.abs(x[256 * b + j]);
        if (ax > amax) {
          amax = ax;
          max = x[256 * b + j];
        }
      }
      if (amax == 0) {
        assertEquals(0f, q.scales[b]);
        for (int j = 0; j < 256; j++) {
          assertEquals(0, q.q16[256 * b + j]);
        }
        continue;
      }
      float iscale = -127f / max;
      for (int g = 0; g < 16; g++) {
        int sum = 0;
        for (int j = 16 * g; j < 16 * g + 16; j++) {
          int v = Math.min(127, nearestInt(iscale * x[256 * b + j]));
          assertEquals(v, q.q16[256 * b + j], "block " + b + " value " + j + " (x = " + x[256 * b + j] + ")");
          sum += v;
        }
        assertEquals(sum, q.bsums[16 * b + g], "bsum " + g + " of block " + b);
      }
      assertEquals(1f / iscale, q.scales[b]);
    }
  }

  /** llama.cpp's {@code nearest_int}: the float's own rounding of {@code f + 1.5 * 2^23}. */
  private static int nearestInt(float f) {
    float v = f + 12582912f;
    return (Float.floatToRawIntBits(v) & 0x007fffff) - 0x00400000;
  }

  /**
   * Gaussian values with, in every block, an element that sets the scale to exactly 1 (+127 or -127) and values
   * that land exactly halfway between two integers (ties).
   */
  private static float[] inputs(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * 30);
    }
    for (int b = 0; b < n / 32; b++) {
      x[32 * b + 5] = (b / 8) % 2 == 0 ? 127f : -127f; // Q8_K: iscale -1 in even super-blocks, +1 in odd ones
      x[32 * b + 9] = 2.5f;
      x[32 * b + 20] = -3.5f;
      x[32 * b + 27] = 0.5f;
    }
    return x;
  }
}
