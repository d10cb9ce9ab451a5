package dev.llamakit.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Helpers shared by the K-quant formats (256-value super-blocks with 6-bit packed sub-block scales and mins). */
final class KQuants {
  private KQuants() {}

  static int u8(MemorySegment s, long off) {
    return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
  }

  /**
   * ggml's {@code get_scale_min_k4}: the 6-bit scale (into {@code out[0]}) and min ({@code out[1]}) of sub-block
   * {@code j} (0..7) from the 12 packed bytes at {@code off}.
   */
  static void scaleMin(byte[] s, int off, int j, int[] out) {
    if (j < 4) {
      out[0] = s[off + j] & 63;
      out[1] = s[off + j + 4] & 63;
    } else {
      out[0] = (s[off + j + 4] & 0xF) | (((s[off + j - 4] & 0xFF) >>> 6) << 4);
      out[1] = ((s[off + j + 4] & 0xFF) >>> 4) | (((s[off + j] & 0xFF) >>> 6) << 4);
    }
  }

  /**
   * The tail of a paired K-quant super-block ({@link Q4_KPairedMatrix}, {@link Q5_KPairedMatrix}) at {@code at}: the
   * 8 sub-block scales and then the 8 mins of the file super-block at {@code s}, one byte each, then its F16 {@code d}
   * and {@code dmin} (20 bytes).
   */
  static void unpackScalesMins(byte[] src, int s, byte[] dst, int at) {
    int[] scaleMin = new int[2];
    for (int sub = 0; sub < 8; sub++) {
      scaleMin(src, s + 4, sub, scaleMin);
      dst[at + sub] = (byte) scaleMin[0];
      dst[at + 8 + sub] = (byte) scaleMin[1];
    }
    System.arraycopy(src, s, dst, at + 16, 4);
  }

  /** Scale of sub-block {@code j} from the packed bytes read as {@code lo} (bytes 0..7) and {@code hi} (8..11). */
  static int scale(long lo, int hi, int j) {
    if (j < 4) {
      return (int) (lo >>> (8 * j)) & 63;
    }
    int k = 8 * (j - 4);
    return ((hi >>> k) & 0xF) | ((((int) (lo >>> k) & 0xFF) >>> 6) << 4);
  }

  /** Min of sub-block {@code j}, same packing as {@link #scale}. */
  static int min(long lo, int hi, int j) {
    if (j < 4) {
      return (int) (lo >>> (8 * j + 32)) & 63;
    }
    int k = 8 * (j - 4);
    return (((hi >>> k) & 0xFF) >>> 4) | ((((int) (lo >>> (k + 32)) & 0xFF) >>> 6) << 4);
  }

  /**
   * {@code sum over sub-blocks j of min_j * (bsums of its two 16-value groups)} for super-block {@code b}: the integer
   * the K-quant kernels multiply by {@code dmin * dx} to apply the weight minimums.
   */
  static int minSum(long lo, int hi, int[] bsums, int b) {
    int sum = 0;
    for (int j = 0; j < 8; j++) {
      sum += min(lo, hi, j) * (bsums[b * 16 + 2 * j] + bsums[b * 16 + 2 * j + 1]);
    }
    return sum;
  }

  /**
   * Vector decode of one row of Q4_K ({@code highBits < 0}) or Q5_K (high bits at {@code highBits} within each
   * super-block): {@code d*sc*q - dmin*m} per weight, multiply then subtract as ggml does, so bit-identical to the
   * scalar references. {@code nibbles} is the offset of the 128 nibble bytes within a super-block of
   * {@code blockBytes}.
   */
  static void decodeRow(MemorySegment data, long base, int superBlocks, int blockBytes, int nibbles, int highBits,
      float[] out, int off) {
    for (int b = 0; b < superBlocks; b++) {
      long bo = base + (long) blockBytes * b;
      float d = WeightMatrix.f16(data, bo), min = WeightMatrix.f16(data, bo + 2);
      long slo = data.get(WeightMatrix.I64, bo + 4);
      int shi = data.get(WeightMatrix.I32, bo + 12);
      for (int j = 0; j < 4; j++) {
        FloatVector d1 = FloatVector.broadcast(KernelShapes.F, d * scale(slo, shi, 2 * j));
        FloatVector m1 = FloatVector.broadcast(KernelShapes.F, min * min(slo, shi, 2 * j));
        FloatVector d2 = FloatVector.broadcast(KernelShapes.F, d * scale(slo, shi, 2 * j + 1));
        FloatVector m2 = FloatVector.broadcast(KernelShapes.F, min * min(slo, shi, 2 * j + 1));
        int y = off + 256 * b + 64 * j;
        for (int k = 0; k < 4; k++) {
          ByteVector v = ByteVector.fromMemorySegment(KernelShapes.B64, data, bo + nibbles + 32L * j + 8 * k,
              KernelShapes.LE);
          ByteVector lo = v.and((byte) 0xF);
          ByteVector hi = v.lanewise(VectorOperators.LSHR, 4);
          if (highBits >= 0) {
            ByteVector h = ByteVector.fromMemorySegment(KernelShapes.B64, data, bo + highBits + 8 * k, KernelShapes.LE);
            lo = lo.or(h.lanewise(VectorOperators.LSHR, 2 * j).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
            hi = hi.or(h.lanewise(VectorOperators.LSHR, 2 * j + 1).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
          }
          for (int p = 0; p < 8 / KernelShapes.FL; p++) {
            int at = y + 8 * k + KernelShapes.FL * p;
            KernelShapes.floats(lo, p).mul(d1).sub(m1).intoArray(out, at);
            KernelShapes.floats(hi, p).mul(d2).sub(m2).intoArray(out, at + 32);
          }
        }
      }
    }
  }
}
