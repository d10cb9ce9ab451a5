package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.LE;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q5_K matrix repacked at load for 512-bit vectors, 276 bytes per 256-weight super-block (Q5_K's 176 plus 100):
 * <ul>
 *   <li>128 little-endian int16 lanes, lane {@code j} holding the 5-bit values of weights {@code 2j} and
 *       {@code 2j+1} as {@code q[2j] + 32 q[2j+1]} (the file splits each value into a nibble and a bit in separate
 *       places);</li>
 *   <li>the 8 sub-block scales, then the 8 mins, one byte each (the file packs them in 12 bytes of 6-bit fields);</li>
 *   <li>F16 {@code d}, then F16 {@code dmin}.</li>
 * </ul>
 * The decode kernel is {@link Q6_KPairedMatrix}'s with 5-bit values, on {@link QuantizedActivations#q16k5}, and
 * {@link Q4_KPairedMatrix}'s integer sub-block scales and once-per-super-block mins. More bytes per token than the
 * file layout, for a kernel without bit unpacking: measured ~2x faster per token than the file-layout kernel.
 * Values are exactly Q5_K's; {@link #type()} stays {@link GgmlType#Q5_K}. Used only where 512-bit vectors are native.
 */
public final class Q5_KPairedMatrix extends RepackedMatrix {
  static final int BLOCK_BYTES = 276;
  private static final int SCALES = 256;
  private static final int MINS = SCALES + 8;
  private static final int D = SCALES + 16;
  private static final int DMIN = SCALES + 18;
  private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
  private static final VectorSpecies<Short> SH512 = ShortVector.SPECIES_512;
  private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
  private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
  /** Per int lane of a step, the shift that brings its sub-block's scale byte down: lanes 0-7, then 8-15. */
  private static final IntVector SCALE_SHIFTS = IntVector.fromArray(I512,
      new int[] {0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8}, 0);

  private Q5_KPairedMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols, 256, BLOCK_BYTES);
  }

  /** Repacks {@code m} into memory from {@code memory}. */
  static Q5_KPairedMatrix repack(Q5_KMatrix m, SegmentAllocator memory) {
    int nb = m.cols() / 256;
    MemorySegment out = m.repackRows(memory, (long) BLOCK_BYTES * nb, (src, s0, dst, d0) -> {
      int[] q = new int[256];
      for (int b = 0; b < nb; b++) {
        int s = s0 + 176 * b, o = d0 + BLOCK_BYTES * b;
        Q5_KMatrix.values(src, s, q);
        for (int j = 0; j < 128; j++) {
          int lane = q[2 * j] | q[2 * j + 1] << 5;
          dst[o + 2 * j] = (byte) lane;
          dst[o + 2 * j + 1] = (byte) (lane >>> 8);
        }
        KQuants.unpackScalesMins(src, s, dst, o + SCALES);
      }
    });
    return new Q5_KPairedMatrix(m.name(), out, m.rows(), m.cols());
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q5_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 256; b++) {
      int o = BLOCK_BYTES * b;
      float d = f16(r, o + D), min = f16(r, o + DMIN);
      for (int j = 0; j < 128; j++) {
        int lane = (r[o + 2 * j] & 0xFF) | (r[o + 2 * j + 1] & 0xFF) << 8;
        int sub = j / 16;
        float d1 = d * r[o + SCALES + sub], m1 = min * r[o + MINS + sub];
        int i = off + 256 * b + 2 * j;
        out[i] = d1 * (lane & 31) - m1;
        out[i + 1] = d1 * (lane >>> 5) - m1;
      }
    }
  }

  /** Vector decode for the batched (prefill) path, bit-identical to {@link #dequantizeRow}: multiply, then subtract. */
  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      float d = f16(data, o + D), min = f16(data, o + DMIN);
      for (int k = 0; k < 4; k++) {
        ShortVector v = ShortVector.fromMemorySegment(SH512, data, o + 64L * k, LE);
        for (int part = 0; part < 2; part++) {
          int sub = 2 * k + part;
          FloatVector d1 = FloatVector.broadcast(F512, d * data.get(ValueLayout.JAVA_BYTE, o + SCALES + sub));
          FloatVector m1 = FloatVector.broadcast(F512, min * data.get(ValueLayout.JAVA_BYTE, o + MINS + sub));
          ShortVector q = PairedLanes.inWeightOrder(v, part, 5);
          for (int h = 0; h < 2; h++) {
            ((FloatVector) q.convertShape(VectorOperators.S2I, I512, h).convertShape(VectorOperators.I2F, F512, 0))
                .mul(d1).sub(m1).intoArray(out, off + 256 * b + 32 * sub + 16 * h);
          }
        }
      }
    }
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  /**
   * Four steps of 64 weights (two sub-blocks) per super-block: the lane times {@code x[2j]}, its upper value times
   * {@code x[2j+1] - 32 x[2j]}, pair sums to int32, times the integer sub-block scales spread over the lanes by a
   * variable shift, summed exactly in int32 over the super-block (at most 4 * 15748 * 63 per lane), then one float
   * multiply-add by {@code d * dx}; the mins once per super-block as in {@link Q4_KPairedMatrix}.
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] xk = q.q16k5;
    float[] xs = q.scales;
    float[] ms = q.minSums;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(F512), mins = FloatVector.zero(F512);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      FloatVector sm = (FloatVector) ByteVector.fromMemorySegment(B128, data, o + SCALES, LE)
          .convertShape(VectorOperators.B2F, F512, 0);
      mins = sm.mul(FloatVector.fromArray(F512, ms, 16 * b))
          .fma(FloatVector.broadcast(F512, f16(data, o + DMIN) * xs[b]), mins);
      IntVector sum = IntVector.zero(I512);
      for (int k = 0; k < 4; k++) {
        int xo = 256 * b + 64 * k;
        ShortVector v = ShortVector.fromMemorySegment(SH512, data, o + 64L * k, LE);
        ShortVector p = v.mul(ShortVector.fromArray(SH512, xk, xo))
            .add(v.lanewise(VectorOperators.LSHR, 5).mul(ShortVector.fromArray(SH512, xk, xo + 32)));
        IntVector scales = IntVector.broadcast(I512, data.get(I16, o + SCALES + 2L * k))
            .lanewise(VectorOperators.LSHR, SCALE_SHIFTS).and(0xFF);
        sum = sum.add(PairedLanes.pairSum(p.reinterpretAsInts()).mul(scales));
      }
      acc = ((FloatVector) sum.convertShape(VectorOperators.I2F, F512, 0))
          .fma(FloatVector.broadcast(F512, f16(data, o + D) * xs[b]), acc);
    }
    return acc.sub(mins).reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
