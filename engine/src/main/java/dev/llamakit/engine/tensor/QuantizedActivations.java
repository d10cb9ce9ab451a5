package dev.llamakit.engine.tensor;

/**
 * An activation vector quantized the way llama.cpp quantizes the right-hand side of its CPU matmuls: int8 values
 * (also kept widened to int16 for the pair-add kernels), one scale per block, and for Q8_K the sums of each
 * 16-value group ({@code bsums}) that K-quant kernels use to apply the weight minimums.
 *
 * <p>One instance is reused across calls; {@link #quantize} overwrites it.
 */
public final class QuantizedActivations {
  final short[] q16;
  /**
   * For Q8_0 only: {@link #q16} with the first 16 values of every 32-block multiplied by 16, the operand layout of
   * the Q4_0 kernel (which keeps its high nibbles in place, pre-multiplied by 16, to save shifts).
   */
  final short[] q16lo16;
  /**
   * For Q8_0 only: {@link #q16} regrouped for {@link Q4_0PairedMatrix}, per pair of blocks {@code (b, b+1)}: the
   * first 16 values of b, the first 16 of b+1, then the last 16 of b and of b+1 each less 16 times its partner in
   * the first half (an odd last block in its own order, its last 16 less the same). The kernel multiplies the whole
   * byte {@code lo + 16 hi} by the first and {@code hi} by the second: {@code lo x_lo + hi x_hi} with no mask, exact
   * because the sum fits in int16 and int16 arithmetic wraps (measured 15-17% faster than masking).
   */
  final short[] q16pairs;
  /**
   * For Q8_0 only: per block, {@code 8 * scale * sum(q)}, the Q4_0 offset of 8 applied to the whole block, which the
   * {@link Q4_0PairedMatrix} kernel subtracts once per block (times the weight scale) instead of from every weight.
   */
  final float[] offsetTerms;
  final float[] scales;
  final int[] bsums;
  private ActivationFormat format;
  private int length;

  /** Room for vectors up to {@code capacity} elements (a multiple of 256 is rounded up internally). */
  public QuantizedActivations(int capacity) {
    int cap = (capacity + 255) / 256 * 256;
    q16 = new short[cap];
    q16lo16 = new short[cap];
    q16pairs = new short[cap];
    offsetTerms = new float[cap / 32];
    scales = new float[cap / 32];
    bsums = new int[cap / 16];
  }

  public ActivationFormat format() {
    return format;
  }

  public int length() {
    return length;
  }

  /** Quantizes {@code x[off .. off+n)} in {@code fmt}; {@code n} must be a multiple of the format's block size. */
  public void quantize(ActivationFormat fmt, float[] x, int off, int n) {
    if (n % fmt.blockSize() != 0) {
      throw new IllegalArgumentException(n + " activations are not a multiple of the " + fmt + " block size "
          + fmt.blockSize());
    }
    if (n > q16.length) {
      throw new IllegalArgumentException(n + " activations exceed the capacity " + q16.length);
    }
    this.format = fmt;
    this.length = n;
    switch (fmt) {
      case Q8_0 -> quantizeQ8_0(x, off, n);
      case Q8_K -> quantizeQ8K(x, off, n);
      case F32 -> throw new IllegalArgumentException("F32 activations are not quantized");
    }
  }

  private void quantizeQ8_0(float[] x, int off, int n) {
    for (int b = 0; b < n / 32; b++) {
      int base = off + b * 32;
      float amax = 0;
      for (int j = 0; j < 32; j++) {
        amax = Math.max(amax, Math.abs(x[base + j]));
      }
      float d = amax / 127f;
      float id = d != 0 ? 1f / d : 0f;
      for (int j = 0; j < 32; j++) {
        short v = (short) Math.rint(x[base + j] * id);
        q16[b * 32 + j] = v;
        q16lo16[b * 32 + j] = j < 16 ? (short) (v * 16) : v;
      }
      // llama.cpp stores the block scale as F16.
      scales[b] = Float.float16ToFloat(Float.floatToFloat16(d));
    }
    pairUp(n / 32);
  }

  private void pairUp(int nb) {
    for (int b = 0; b < nb; b += 2) {
      if (b + 1 < nb) {
        for (int j = 0; j < 16; j++) {
          q16pairs[32 * b + j] = q16[32 * b + j];
          q16pairs[32 * b + 16 + j] = q16[32 * b + 32 + j];
          q16pairs[32 * b + 32 + j] = (short) (q16[32 * b + 16 + j] - 16 * q16[32 * b + j]);
          q16pairs[32 * b + 48 + j] = (short) (q16[32 * b + 48 + j] - 16 * q16[32 * b + 32 + j]);
        }
      } else {
        for (int j = 0; j < 16; j++) {
          q16pairs[32 * b + j] = q16[32 * b + j];
          q16pairs[32 * b + 16 + j] = (short) (q16[32 * b + 16 + j] - 16 * q16[32 * b + j]);
        }
      }
    }
    for (int b = 0; b < nb; b++) {
      int sum = 0;
      for (int j = 0; j < 32; j++) {
        sum += q16[32 * b + j];
      }
      offsetTerms[b] = 8 * scales[b] * sum;
    }
  }

  private void quantizeQ8K(float[] x, int off, int n) {
    for (int b = 0; b < n / 256; b++) {
      int base = off + b * 256;
      float amax = 0;
      float max = 0;
      for (int j = 0; j < 256; j++) {
        float ax = Math.abs(x[base + j]);
        if (ax > amax) {
          amax = ax;
          max = x[base + j];
        }
      }
      if (amax == 0) {
        scales[b] = 0;
        for (int j = 0; j < 256; j++) {
          q16[b * 256 + j] = 0;
        }
        for (int j = 0; j < 16; j++) {
          bsums[b * 16 + j] = 0;
        }
        continue;
      }
      float iscale = -127f / max;
      for (int j = 0; j < 256; j++) {
        int v = Math.round(iscale * x[base + j]);
        q16[b * 256 + j] = (short) Math.min(127, v);
      }
      for (int g = 0; g < 16; g++) {
        int s = 0;
        for (int j = 0; j < 16; j++) {
          s += q16[b * 256 + g * 16 + j];
        }
        bsums[b * 16 + g] = s;
      }
      scales[b] = 1f / iscale;
    }
  }

  /** The dequantized value at {@code i} (for tests). */
  public float value(int i) {
    int bs = format.blockSize();
    return q16[i] * scales[i / bs];
  }
}
