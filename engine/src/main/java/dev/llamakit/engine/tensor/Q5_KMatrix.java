package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.F;
import static dev.llamakit.engine.tensor.KernelShapes.PARTS;
import static dev.llamakit.engine.tensor.KernelShapes.SH;
import static dev.llamakit.engine.tensor.KernelShapes.SL;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q5_K: super-blocks of 256 weights (176 bytes): F16 {@code d}, F16 {@code dmin}, 12 bytes of packed scales/mins,
 * 32 bytes of high bits, 128 bytes of low nibbles; weight = d*sc*(q4 + 16*hbit) - dmin*m.
 */
public final class Q5_KMatrix extends WeightMatrix {
  Q5_KMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q5_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    int[] sm = new int[2];
    int y = off;
    for (int b = 0; b < cols / 256; b++) {
      int bo = 176 * b;
      float d = f16(r, bo), min = f16(r, bo + 2);
      int qh = bo + 16;
      int ql = bo + 48;
      int u1 = 1, u2 = 2;
      for (int j = 0; j < 4; j++) {
        KQuants.scaleMin(r, bo + 4, 2 * j, sm);
        float d1 = d * sm[0], m1 = min * sm[1];
        KQuants.scaleMin(r, bo + 4, 2 * j + 1, sm);
        float d2 = d * sm[0], m2 = min * sm[1];
        for (int l = 0; l < 32; l++) {
          out[y++] = d1 * ((r[ql + l] & 0xF) + ((r[qh + l] & u1) != 0 ? 16 : 0)) - m1;
        }
        for (int l = 0; l < 32; l++) {
          out[y++] = d2 * (((r[ql + l] & 0xFF) >>> 4) + ((r[qh + l] & u2) != 0 ? 16 : 0)) - m2;
        }
        ql += 32;
        u1 <<= 2;
        u2 <<= 2;
      }
    }
  }

  /** The 256 5-bit values (0..31) of the super-block at {@code s} in {@code src}: nibble plus high bit, joined. */
  static void values(byte[] src, int s, int[] q) {
    int qh = s + 16, ql = s + 48;
    for (int j = 0; j < 4; j++) {
      for (int l = 0; l < 32; l++) {
        int lq = src[ql + 32 * j + l] & 0xFF, h = src[qh + l] & 0xFF;
        q[64 * j + l] = (lq & 0xF) | ((h >>> (2 * j)) & 1) << 4;
        q[64 * j + 32 + l] = (lq >>> 4) | ((h >>> (2 * j + 1)) & 1) << 4;
      }
    }
  }

  /** With native 512-bit vectors the int16-pair layout ({@link Q5_KPairedMatrix}), else a plain copy. */
  @Override
  public WeightMatrix resident(java.lang.foreign.SegmentAllocator memory) {
    return RepackedMatrix.supported() ? Q5_KPairedMatrix.repack(this, memory) : super.resident(memory);
  }

  @Override
  public long residentBytes() {
    return RepackedMatrix.supported() ? RepackedMatrix.bytes(rows, cols, 256, Q5_KPairedMatrix.BLOCK_BYTES)
        : byteSize();
  }

  /** Vector decode for the batched (prefill) path, bit-identical to {@link #dequantizeRow}. */
  @Override
  public void decodeRow(int row, float[] out, int off) {
    KQuants.decodeRow(data, row * rowBytes, cols / 256, 176, 48, 16, out, off);
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    float minSum = 0;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 176L * b;
      float dx = q.scales[b];
      float d = f16(data, bo) * dx;
      long slo = data.get(I64, bo + 4);
      int shi = data.get(I32, bo + 12);
      minSum += f16(data, bo + 2) * dx * KQuants.minSum(slo, shi, q.bsums, b);
      // PARTS steps per sub-block, as iterations of this loop (a larger body made C2 box the vectors)
      for (int sh = 0; sh < 8 * PARTS; sh++) {
        int s = sh / PARTS, h = sh % PARTS * SL;
        long qo = bo + 48 + 32L * (s >> 1);
        int shift = (s & 1) * 4;
        int xo = b * 256 + 32 * s;
        FloatVector f = KernelShapes.toFloat(step(data, bo, qo, s, shift, x16, xo, h));
        if ((s & 1) == 0) {
          acc0 = f.fma(FloatVector.broadcast(F, d * KQuants.scale(slo, shi, s)), acc0);
        } else {
          acc1 = f.fma(FloatVector.broadcast(F, d * KQuants.scale(slo, shi, s)), acc1);
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - minSum;
  }

  /**
   * Weights {@code h .. h+SL} and {@code 16+h ..} of sub-block {@code s} of the super-block at {@code bo} (nibbles at
   * {@code qo}, shifted by {@code shift}) times their activations. Widened to int16 first: the variable shifts are
   * then single int16 shifts (x86 has no byte shifts); bit s of each qh byte moves to bit 4.
   */
  private static IntVector step(MemorySegment data, long bo, long qo, int s, int shift, short[] x16, int xo, int h) {
    ShortVector h0 = KernelShapes.widen(data, bo + 16 + h).lanewise(VectorOperators.LSHL, 4)
        .lanewise(VectorOperators.LSHR, s).and((short) 0x10);
    ShortVector h1 = KernelShapes.widen(data, bo + 32 + h).lanewise(VectorOperators.LSHL, 4)
        .lanewise(VectorOperators.LSHR, s).and((short) 0x10);
    ShortVector b0 = KernelShapes.widen(data, qo + h).lanewise(VectorOperators.LSHR, shift).and((short) 0xF).or(h0);
    ShortVector b1 = KernelShapes.widen(data, qo + 16 + h).lanewise(VectorOperators.LSHR, shift).and((short) 0xF)
        .or(h1);
    return KernelShapes.pairAddInt(b0.mul(ShortVector.fromArray(SH, x16, xo + h))
        .add(b1.mul(ShortVector.fromArray(SH, x16, xo + 16 + h))));
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
