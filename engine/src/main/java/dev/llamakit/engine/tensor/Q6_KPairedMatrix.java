package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.LE;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q6_K matrix repacked at load for 512-bit vectors, 274 bytes per 256-weight super-block (Q6_K's 210 plus 64):
 * <ul>
 *   <li>128 little-endian int16 lanes, lane {@code j} holding the unsigned 6-bit values of weights {@code 2j} and
 *       {@code 2j+1} as {@code u[2j] + 64 u[2j+1]} (the file splits each value into 4 + 2 bits in separate
 *       places);</li>
 *   <li>the 16 int8 group scales;</li>
 *   <li>F16 {@code d}.</li>
 * </ul>
 * The decode kernel takes 64 weights (four 16-weight groups) per 512-bit step with no bit unpacking, on the
 * activation layout {@link QuantizedActivations#q16k6}: the lane times {@code x[2j]}, its upper value times
 * {@code x[2j+1] - 64 x[2j]}, less {@code 32 (x[2j] + x[2j+1])} for the offset of 32, which leaves
 * {@code (u[2j]-32) x[2j] + (u[2j+1]-32) x[2j+1]} in each int16 lane (exact: int16 arithmetic wraps and the result
 * fits).
 * Values are exactly Q6_K's; {@link #type()} stays {@link GgmlType#Q6_K}. Used only where 512-bit vectors are native;
 * elsewhere {@link Q6_KUnpackedMatrix}.
 */
public final class Q6_KPairedMatrix extends RepackedMatrix {
  static final int BLOCK_BYTES = 274;
  private static final int SCALES = 256;
  private static final int D = 272;
  private static final VectorSpecies<Short> SH512 = ShortVector.SPECIES_512;
  private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
  private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
  /** Per int lane of a step, the shift that brings its group's scale byte to the top: groups of 4 lanes. */
  private static final IntVector SCALE_SHIFTS = IntVector.fromArray(I512,
      new int[] {24, 24, 24, 24, 16, 16, 16, 16, 8, 8, 8, 8, 0, 0, 0, 0}, 0);

  private Q6_KPairedMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols, 256, BLOCK_BYTES);
  }

  /** Repacks {@code m} into memory from {@code memory}. */
  static Q6_KPairedMatrix repack(Q6_KMatrix m, SegmentAllocator memory) {
    int nb = m.cols() / 256;
    MemorySegment out = m.repackRows(memory, (long) BLOCK_BYTES * nb, (src, s0, dst, d0) -> {
      int[] u = new int[256];
      for (int b = 0; b < nb; b++) {
        int s = s0 + 210 * b, o = d0 + BLOCK_BYTES * b;
        Q6_KMatrix.unsignedValues(src, s, u);
        for (int j = 0; j < 128; j++) {
          int lane = u[2 * j] | u[2 * j + 1] << 6;
          dst[o + 2 * j] = (byte) lane;
          dst[o + 2 * j + 1] = (byte) (lane >>> 8);
        }
        System.arraycopy(src, s + 192, dst, o + SCALES, 16);
        System.arraycopy(src, s + 208, dst, o + D, 2);
      }
    });
    return new Q6_KPairedMatrix(m.name(), out, m.rows(), m.cols());
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 256; b++) {
      int o = BLOCK_BYTES * b;
      float d = f16(r, o + D);
      for (int j = 0; j < 128; j++) {
        int lane = (r[o + 2 * j] & 0xFF) | (r[o + 2 * j + 1] & 0xFF) << 8;
        int i = off + 256 * b + 2 * j;
        out[i] = d * r[o + SCALES + j / 8] * ((lane & 63) - 32);
        out[i + 1] = d * r[o + SCALES + j / 8] * ((lane >>> 6) - 32);
      }
    }
  }

  /** Vector decode for the batched (prefill) path, bit-identical to {@link #dequantizeRow}. */
  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      float d = f16(data, o + D);
      for (int k = 0; k < 4; k++) {
        ShortVector v = ShortVector.fromMemorySegment(SH512, data, o + 64L * k, LE);
        for (int part = 0; part < 2; part++) {
          ShortVector u = PairedLanes.inWeightOrder(v, part, 6);
          for (int h = 0; h < 2; h++) {
            int group = 4 * k + 2 * part + h;
            ((FloatVector) ((IntVector) u.convertShape(VectorOperators.S2I, I512, h)).sub(32)
                .convertShape(VectorOperators.I2F, F512, 0))
                .mul(d * data.get(ValueLayout.JAVA_BYTE, o + SCALES + group))
                .intoArray(out, off + 256 * b + 16 * group);
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
   * Four steps of 64 weights per super-block; each int lane of a step (two int16 lanes, four weights) belongs to
   * group {@code 4k + lane / 4}, whose scale is spread over the lanes from one 4-byte read by two variable shifts.
   * Products times scales add up exactly in int32 over the super-block (at most 4 * 16256 * 128 per lane), then one
   * float multiply-add by {@code d * dx}.
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] xk = q.q16k6;
    float[] xs = q.scales;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(F512);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      IntVector sum = IntVector.zero(I512);
      for (int k = 0; k < 4; k++) {
        int xo = 384 * b + 96 * k;
        ShortVector v = ShortVector.fromMemorySegment(SH512, data, o + 64L * k, LE);
        ShortVector p = v.mul(ShortVector.fromArray(SH512, xk, xo))
            .add(v.lanewise(VectorOperators.LSHR, 6).mul(ShortVector.fromArray(SH512, xk, xo + 32)))
            .sub(ShortVector.fromArray(SH512, xk, xo + 64));
        IntVector scales = IntVector.broadcast(I512, data.get(I32, o + SCALES + 4L * k))
            .lanewise(VectorOperators.LSHL, SCALE_SHIFTS).lanewise(VectorOperators.ASHR, 24);
        sum = sum.add(PairedLanes.pairSum(p.reinterpretAsInts()).mul(scales));
      }
      acc = ((FloatVector) sum.convertShape(VectorOperators.I2F, F512, 0))
          .fma(FloatVector.broadcast(F512, f16(data, o + D) * xs[b]), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
