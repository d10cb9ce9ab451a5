package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.Q8_0Matrix.B128;
import static dev.llamakit.engine.tensor.Q8_0Matrix.F;
import static dev.llamakit.engine.tensor.Q8_0Matrix.LE;
import static dev.llamakit.engine.tensor.Q8_0Matrix.SH;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
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

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 210L * b;
      float d = f16(data, bo + 208) * q.scales[b];
      long scLo = data.get(I64, bo + 192), scHi = data.get(I64, bo + 200);
      // one group of 16 weights per iteration (16 groups): small bodies keep every vector op intrinsified by C2
      for (int g = 0; g < 16; g++) {
        int n = g >> 3;                 // which 128-weight half
        int quad = (g >> 1) & 3;        // which 32-weight quarter of the half (y offset 32*quad)
        int l = (g & 1) * 16;           // first or second 16 of the quarter
        long ql = bo + 64L * n + l + ((quad & 1) == 1 ? 32 : 0);
        long qh = bo + 128 + 32L * n + l;
        int lShift = quad >= 2 ? 4 : 0;
        int hShift = 2 * quad;
        ByteVector lo = ByteVector.fromMemorySegment(B128, data, ql, LE).lanewise(VectorOperators.LSHR, lShift)
            .and((byte) 0xF);
        ByteVector hi = ByteVector.fromMemorySegment(B128, data, qh, LE).lanewise(VectorOperators.LSHR, hShift)
            .and((byte) 3);
        hi = hi.add(hi);
        hi = hi.add(hi);
        hi = hi.add(hi);
        hi = hi.add(hi);
        ByteVector w = lo.or(hi).sub((byte) 32);
        int xo = b * 256 + 128 * n + 32 * quad + l;
        FloatVector f = Q8_0Matrix.pairAdd(((ShortVector) w.convertShape(VectorOperators.B2S, SH, 0))
            .mul(ShortVector.fromArray(SH, x16, xo)));
        int scIndex = 8 * n + (l >> 4) + 2 * quad;
        byte scale = (byte) ((scIndex < 8 ? scLo : scHi) >>> (8 * (scIndex & 7)));
        if ((g & 1) == 0) {
          acc0 = f.fma(FloatVector.broadcast(F, d * scale), acc0);
        } else {
          acc1 = f.fma(FloatVector.broadcast(F, d * scale), acc1);
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }
}
