package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.F;
import static dev.llamakit.engine.tensor.KernelShapes.PARTS;
import static dev.llamakit.engine.tensor.KernelShapes.SH;
import static dev.llamakit.engine.tensor.KernelShapes.SL;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q6_K: super-blocks of 256 weights (210 bytes): 128 bytes of low nibbles, 64 bytes of 2-bit high parts, 16 int8
 * scales (one per 16 weights) and an F16 {@code d}; weight = d*sc*(q6 - 32).
 */
public final class Q6_KMatrix extends WeightMatrix {
  Q6_KMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 256; b++) {
      int bo = 210 * b;
      float d = f16(r, bo + 208);
      int ql = bo, qh = bo + 128, sc = bo + 192;
      int y = off + b * 256;
      for (int n = 0; n < 2; n++) {
        for (int l = 0; l < 32; l++) {
          int is = l / 16;
          int lq = r[ql + l] & 0xFF, lq2 = r[ql + l + 32] & 0xFF, h = r[qh + l] & 0xFF;
          int q1 = ((lq & 0xF) | ((h & 3) << 4)) - 32;
          int q2 = ((lq2 & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
          int q3 = ((lq >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
          int q4 = ((lq2 >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
          out[y + l] = d * r[sc + is] * q1;
          out[y + l + 32] = d * r[sc + is + 2] * q2;
          out[y + l + 64] = d * r[sc + is + 4] * q3;
          out[y + l + 96] = d * r[sc + is + 6] * q4;
        }
        y += 128;
        ql += 64;
        qh += 32;
        sc += 8;
      }
    }
  }

  /**
   * A layout without bit unpacking: {@link Q6_KPairedMatrix} where 512-bit vectors are native, else
   * {@link Q6_KUnpackedMatrix}. Same values.
   */
  @Override
  public WeightMatrix resident(java.lang.foreign.SegmentAllocator memory) {
    return RepackedMatrix.supported() ? Q6_KPairedMatrix.repack(this, memory) : Q6_KUnpackedMatrix.unpack(this, memory);
  }

  @Override
  public long residentBytes() {
    return RepackedMatrix.bytes(rows, cols, 256,
        RepackedMatrix.supported() ? Q6_KPairedMatrix.BLOCK_BYTES : Q6_KUnpackedMatrix.BLOCK_BYTES);
  }

  /**
   * The 256 unsigned 6-bit values (0..63, before the offset of 32) of the super-block at {@code s} in {@code src}:
   * ggml's split of each into a low nibble in {@code ql} and two high bits in {@code qh}, undone.
   */
  static void unsignedValues(byte[] src, int s, int[] u) {
    for (int n = 0; n < 2; n++) {
      int ql = s + 64 * n, qh = s + 128 + 32 * n, y = 128 * n;
      for (int l = 0; l < 32; l++) {
        int lq = src[ql + l] & 0xFF, lq2 = src[ql + l + 32] & 0xFF, h = src[qh + l] & 0xFF;
        u[y + l] = (lq & 0xF) | ((h & 3) << 4);
        u[y + l + 32] = (lq2 & 0xF) | (((h >>> 2) & 3) << 4);
        u[y + l + 64] = (lq >>> 4) | (((h >>> 4) & 3) << 4);
        u[y + l + 96] = (lq2 >>> 4) | (((h >>> 6) & 3) << 4);
      }
    }
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  /**
   * Q6_K x Q8_K. Each step takes 16 bytes of low nibbles from both 32-byte halves of a 64-byte quarter and the 16
   * matching bytes of high bits, widens them to int16 once, and builds the four groups of 16 weights that share
   * them with constant int16 shifts and masks (x86 has no byte shifts, which the Vector API would emulate).
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long bo = base + 210L * b;
      float d = f16(data, bo + 208) * xs[b];
      // 8 steps of 32 weights; small bodies keep C2 under its inlining node budget (else vector ops get boxed)
      // (in PARTS steps each, as iterations of this loop: a larger body made C2 box the vectors)
      for (int itk = 0; itk < 8 * PARTS; itk++) {
        int it = itk / PARTS, k = itk % PARTS * SL;
        int n = it >> 2, h = (it >> 1) & 1, part = it & 1;
        long ql = bo + 64 * n + 16 * h, qh = bo + 128 + 32 * n + 16 * h;
        int xo = 256 * b + 128 * n + 16 * h + 64 * part;
        long so = bo + 192 + 8 * n + h + 4 * part;
        FloatVector fa = KernelShapes.toFloat(step(data, ql, qh, part, 0, x16, xo, k));
        FloatVector fc = KernelShapes.toFloat(step(data, ql, qh, part, 1, x16, xo, k));
        acc0 = fa.fma(FloatVector.broadcast(F, d * data.get(ValueLayout.JAVA_BYTE, so)), acc0);
        acc1 = fc.fma(FloatVector.broadcast(F, d * data.get(ValueLayout.JAVA_BYTE, so + 2)), acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /**
   * Bytes {@code k .. k+SL} of a 16-byte step: low nibbles from {@code ql} ({@code half} 0) or {@code ql + 32} (1),
   * shifted by {@code 4 * part}, with their two high bits from {@code qh}, minus 32, times the activations at
   * {@code xo + 32 * half + k}. For {@code half} 0 the high bits of pairs 0 / 2, for 1 those of pairs 1 / 3.
   */
  private static IntVector step(MemorySegment data, long ql, long qh, int part, int half, short[] x16, int xo, int k) {
    ShortVector a = KernelShapes.widen(data, ql + 32 * half + k);
    ShortVector hs = KernelShapes.widen(data, qh + k).lanewise(VectorOperators.LSHR, 4 * part);
    ShortVector q = a.lanewise(VectorOperators.LSHR, 4 * part).and((short) 0xF)
        .or(hs.lanewise(VectorOperators.LSHL, 4 - 2 * half).and((short) 0x30)).sub((short) 32);
    return KernelShapes.pairAddInt(q.mul(ShortVector.fromArray(SH, x16, xo + 32 * half + k)));
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
