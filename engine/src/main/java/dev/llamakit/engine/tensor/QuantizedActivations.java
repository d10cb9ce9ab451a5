package dev.llamakit.engine.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * An activation vector quantized the way llama.cpp quantizes the right-hand side of its CPU matmuls: int8 values
 * (also kept widened to int16 for the pair-add kernels), one scale per block, and for Q8_K the sums of each
 * 16-value group ({@code bsums}) that K-quant kernels use to apply the weight minimums.
 *
 * <p>One instance is reused across calls; {@link #quantize} overwrites it. Vectorized: it runs on the calling thread
 * between parallel matmuls, where every microsecond is one the other workers spend waiting. Rounding is to nearest,
 * ties to even, as llama.cpp's {@code nearest_int} and its SIMD Q8_0 quantizer round.
 */
public final class QuantizedActivations {
  private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
  private static final int L = F.length();
  /** Shorts, as many lanes as {@link #F}: the target of the float-to-int16 conversion. */
  private static final VectorSpecies<Short> Q = VectorSpecies.of(short.class, VectorShape.forBitSize(16 * L));
  /** At most 16 shorts, and no wider than this machine's vectors: the 16-value halves of a block are moved with it. */
  private static final VectorSpecies<Short> HALF = ShortVector.SPECIES_PREFERRED.length() >= 16
      ? ShortVector.SPECIES_256 : ShortVector.SPECIES_PREFERRED;
  private static final int H = HALF.length();
  /** Only where 512-bit vectors are native, for {@link #q16k6} and {@link #q16k5}. */
  private static final VectorSpecies<Short> PAIRS = ShortVector.SPECIES_512;
  private static final VectorSpecies<Short> S16 = ShortVector.SPECIES_256;
  /** {@code 1.5 * 2^23}: adding then subtracting it rounds a float below 2^22 to an integer, ties to even. */
  private static final float ROUND = 12582912f;

  final short[] q16;
  /**
   * For Q8_0 only: {@link #q16} with the first 16 values of every 32-block multiplied by 16, the operand layout of
   * the Q4_0 kernel (which keeps its high nibbles in place, pre-multiplied by 16, to save shifts).
   */
  final short[] q16lo16;
  /**
   * For Q8_0, and for Q8_K where the 256-bit paired Q4_K kernel is used ({@link Q4_KPairedMatrix#narrow()}): the
   * operand layout of the narrow Q4_0 and Q4_K kernels, per 32-value block the first 16 values
   * {@code x_lo}, then the last 16 less 16 times their partner, {@code x_hi - 16 x_lo}. The kernel multiplies the
   * whole nibble byte {@code lo + 16 hi} (zero-extended) by the first and {@code hi} by the second:
   * {@code lo x_lo + hi x_hi}, exact in wrapping int16 arithmetic because the true value is at most
   * {@code 2 * 15 * 127} in magnitude.
   */
  final short[] q16nib;
  /**
   * For Q8_K where the 256-bit paired Q4_K kernel is used ({@link Q4_KPairedMatrix#narrow()}): per 32-value
   * sub-block, the sum of its values ({@code bsums[2i] + bsums[2i+1]}), which the kernel multiplies by the sub-block
   * mins eight lanes at a time.
   */
  final int[] pairSums;
  /**
   * {@link #q16} regrouped for {@link Q4_0PairedMatrix} and {@link Q4_KPairedMatrix}, per pair of 32-value blocks
   * {@code (b, b+1)}: the first 16 values of b, the first 16 of b+1, then the last 16 of b and of b+1 each less 16
   * times its partner in the first half (an odd last block in its own order, its last 16 less the same). The kernels
   * multiply the whole byte {@code lo + 16 hi} by the first and {@code hi} by the second: {@code lo x_lo + hi x_hi}
   * with no mask, exact because the sum fits in int16 and int16 arithmetic wraps (measured 15-17% faster than
   * masking). For Q8_K only where 512-bit vectors are native.
   */
  final short[] q16pairs;
  /**
   * For Q8_0 only: per block, {@code 8 * scale * sum(q)}, the Q4_0 offset of 8 applied to the whole block, which the
   * {@link Q4_0PairedMatrix} kernel subtracts once per block (times the weight scale) instead of from every weight.
   */
  final float[] offsetTerms;
  final float[] scales;
  final int[] bsums;
  /**
   * For Q8_K, where 512-bit vectors are native: per super-block 16 floats, zeros in lanes 0-7 and in lane
   * {@code 8 + s} the sum of the 32 values of sub-block {@code s}: what {@link Q4_KPairedMatrix} multiplies by its 8
   * scales and 8 mins read as one vector.
   */
  final float[] minSums;
  /**
   * For Q8_K, where 512-bit vectors are native: the operand layout of {@link Q6_KPairedMatrix}, 384 values per
   * super-block, 96 per 64-value step {@code k}: {@code x[64k+2j]}, then {@code x[64k+2j+1] - 64 x[64k+2j]}, then
   * {@code 32 (x[64k+2j] + x[64k+2j+1])} for {@code j < 32}.
   */
  final short[] q16k6;
  /**
   * For Q8_K, where 512-bit vectors are native: the operand layout of {@link Q5_KPairedMatrix}, 256 values per
   * super-block, 64 per 64-value step {@code k}: {@code x[64k+2j]}, then {@code x[64k+2j+1] - 32 x[64k+2j]}, for
   * {@code j < 32}.
   */
  final short[] q16k5;
  private ActivationFormat format;
  private int length;

  /** Room for vectors up to {@code capacity} elements (a multiple of 256 is rounded up internally). */
  public QuantizedActivations(int capacity) {
    int cap = (capacity + 255) / 256 * 256;
    q16 = new short[cap];
    q16lo16 = new short[cap];
    q16nib = new short[cap];
    pairSums = new int[cap / 32];
    q16pairs = new short[cap];
    offsetTerms = new float[cap / 32];
    scales = new float[cap / 32];
    bsums = new int[cap / 16];
    minSums = new float[cap / 16];
    q16k6 = new short[cap / 256 * 384];
    q16k5 = new short[cap];
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
      FloatVector m = FloatVector.zero(F);
      for (int k = 0; k < 32; k += L) {
        m = m.max(FloatVector.fromArray(F, x, base + k).abs());
      }
      float d = m.reduceLanes(VectorOperators.MAX) / 127f;
      float id = d != 0 ? 1f / d : 0f;
      FloatVector sum = FloatVector.zero(F);
      for (int k = 0; k < 32; k += L) {
        FloatVector r = FloatVector.fromArray(F, x, base + k).mul(id).add(ROUND).sub(ROUND);
        sum = sum.add(r);
        ((ShortVector) r.convertShape(VectorOperators.F2S, Q, 0)).intoArray(q16, b * 32 + k);
      }
      // llama.cpp stores the block scale as F16.
      scales[b] = Float.float16ToFloat(Float.floatToFloat16(d));
      offsetTerms[b] = 8 * scales[b] * sum.reduceLanes(VectorOperators.ADD); // an exact integer sum
      for (int j = 0; j < 16; j += H) {
        ShortVector.fromArray(HALF, q16, 32 * b + j).lanewise(VectorOperators.LSHL, 4).intoArray(q16lo16, 32 * b + j);
        ShortVector.fromArray(HALF, q16, 32 * b + 16 + j).intoArray(q16lo16, 32 * b + 16 + j);
        ShortVector lo = ShortVector.fromArray(HALF, q16, 32 * b + j);
        lo.intoArray(q16nib, 32 * b + j);
        ShortVector.fromArray(HALF, q16, 32 * b + 16 + j).sub(lo.lanewise(VectorOperators.LSHL, 4))
            .intoArray(q16nib, 32 * b + 16 + j);
      }
    }
    pairUp(n / 32);
  }

  private void pairUp(int nb) {
    for (int b = 0; b < nb; b += 2) {
      for (int j = 0; j < 16; j += H) {
        ShortVector lo = ShortVector.fromArray(HALF, q16, 32 * b + j);
        ShortVector hi = ShortVector.fromArray(HALF, q16, 32 * b + 16 + j);
        lo.intoArray(q16pairs, 32 * b + j);
        if (b + 1 < nb) {
          ShortVector lo2 = ShortVector.fromArray(HALF, q16, 32 * b + 32 + j);
          ShortVector hi2 = ShortVector.fromArray(HALF, q16, 32 * b + 48 + j);
          lo2.intoArray(q16pairs, 32 * b + 16 + j);
          hi.sub(lo.lanewise(VectorOperators.LSHL, 4)).intoArray(q16pairs, 32 * b + 32 + j);
          hi2.sub(lo2.lanewise(VectorOperators.LSHL, 4)).intoArray(q16pairs, 32 * b + 48 + j);
        } else {
          hi.sub(lo.lanewise(VectorOperators.LSHL, 4)).intoArray(q16pairs, 32 * b + 16 + j);
        }
      }
    }
  }

  /**
   * {@link #q16k6} and {@link #q16k5} of super-block {@code b}: pairs of int16 read as one int lane,
   * {@code x[2j] | x[2j+1] << 16}.
   */
  private void pairedLayouts(int b) {
    for (int k = 0; k < 4; k++) {
      int o = 384 * b + 96 * k, o5 = 256 * b + 64 * k, y = 256 * b + 64 * k;
      for (int h = 0; h < 2; h++) {
        IntVector pairs = ShortVector.fromArray(PAIRS, q16, y + 32 * h).reinterpretAsInts();
        IntVector xa = pairs.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16);
        IntVector xb = pairs.lanewise(VectorOperators.ASHR, 16);
        ShortVector a = (ShortVector) xa.convertShape(VectorOperators.I2S, S16, 0);
        a.intoArray(q16k6, o + 16 * h);
        a.intoArray(q16k5, o5 + 16 * h);
        ((ShortVector) xb.sub(xa.lanewise(VectorOperators.LSHL, 5)).convertShape(VectorOperators.I2S, S16, 0))
            .intoArray(q16k5, o5 + 32 + 16 * h);
        ((ShortVector) xb.sub(xa.lanewise(VectorOperators.LSHL, 6)).convertShape(VectorOperators.I2S, S16, 0))
            .intoArray(q16k6, o + 32 + 16 * h);
        ((ShortVector) xa.add(xb).lanewise(VectorOperators.LSHL, 5).convertShape(VectorOperators.I2S, S16, 0))
            .intoArray(q16k6, o + 64 + 16 * h);
      }
    }
  }

  private void quantizeQ8K(float[] x, int off, int n) {
    for (int b = 0; b < n / 256; b++) {
      int base = off + b * 256;
      // the largest magnitude, NaNs ignored as llama.cpp's strict comparison ignores them
      FloatVector m = FloatVector.zero(F);
      for (int k = 0; k < 256; k += L) {
        FloatVector a = FloatVector.fromArray(F, x, base + k).abs();
        m = m.blend(a, a.compare(VectorOperators.GT, m));
      }
      float amax = m.reduceLanes(VectorOperators.MAX);
      if (amax == 0) {
        scales[b] = 0;
        java.util.Arrays.fill(q16, b * 256, b * 256 + 256, (short) 0);
        java.util.Arrays.fill(bsums, b * 16, b * 16 + 16, 0);
        continue;
      }
      int first = 0;
      while (Math.abs(x[base + first]) != amax) {
        first++;
      }
      float iscale = -127f / x[base + first];
      for (int g = 0; g < 16; g++) {
        float gs = 0;
        for (int k = 16 * g; k < 16 * g + 16; k += L) {
          FloatVector r = FloatVector.fromArray(F, x, base + k).mul(iscale).add(ROUND).sub(ROUND).min(127f);
          gs += r.reduceLanes(VectorOperators.ADD);
          ((ShortVector) r.convertShape(VectorOperators.F2S, Q, 0)).intoArray(q16, b * 256 + k);
        }
        bsums[b * 16 + g] = (int) gs; // exact: at most 16 * 127
      }
      scales[b] = 1f / iscale;
    }
    if (Q4_KPairedMatrix.narrow()) { // the layout of the 256-bit paired Q4_K kernel: as for Q8_0, per 32 values
      for (int b = 0; b < n / 32; b++) {
        pairSums[b] = bsums[2 * b] + bsums[2 * b + 1];
        for (int j = 0; j < 16; j += H) {
          ShortVector lo = ShortVector.fromArray(HALF, q16, 32 * b + j);
          lo.intoArray(q16nib, 32 * b + j);
          ShortVector.fromArray(HALF, q16, 32 * b + 16 + j).sub(lo.lanewise(VectorOperators.LSHL, 4))
              .intoArray(q16nib, 32 * b + 16 + j);
        }
      }
    }
    if (RepackedMatrix.supported()) { // the layouts only the paired K-quant kernels (512-bit) read
      for (int b = 0; b < n / 256; b++) {
        for (int sub = 0; sub < 8; sub++) {
          minSums[b * 16 + 8 + sub] = bsums[b * 16 + 2 * sub] + bsums[b * 16 + 2 * sub + 1];
        }
        pairedLayouts(b);
      }
      pairUp(n / 32);
    }
  }

  /** The dequantized value at {@code i} (for tests). */
  public float value(int i) {
    int bs = format.blockSize();
    return q16[i] * scales[i / bs];
  }
}
