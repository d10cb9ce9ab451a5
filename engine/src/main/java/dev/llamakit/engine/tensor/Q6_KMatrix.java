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
      for (int n = 0; n < 2; n++) {
        long ql = bo + 64L * n, qh = bo + 128 + 32L * n;
        long scales = data.get(I64, bo + 192 + 8L * n);
        int xo = b * 256 + 128 * n;
        for (int l = 0; l < 32; l += 16) {
          int is = l >> 4;
          ByteVector a = ByteVector.fromMemorySegment(B128, data, ql + l, LE);
          ByteVector c = ByteVector.fromMemorySegment(B128, data, ql + l + 32, LE);
          ByteVector h = ByteVector.fromMemorySegment(B128, data, qh + l, LE);
          // high 2 bits moved to bit 4..5 with byte adds (x+x = x<<1) and an unsigned right shift
          ByteVector h0 = h.and((byte) 0x03);
          h0 = h0.add(h0);
          h0 = h0.add(h0);
          h0 = h0.add(h0);
          h0 = h0.add(h0);
          ByteVector h1 = h.and((byte) 0x0C);
          h1 = h1.add(h1);
          h1 = h1.add(h1);
          ByteVector h2 = h.and((byte) 0x30);
          ByteVector h3 = h.lanewise(VectorOperators.LSHR, 2).and((byte) 0x30);
          ByteVector q1 = a.and((byte) 0xF).or(h0).sub((byte) 32);
          ByteVector q2 = c.and((byte) 0xF).or(h1).sub((byte) 32);
          ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4).or(h2).sub((byte) 32);
          ByteVector q4 = c.lanewise(VectorOperators.LSHR, 4).or(h3).sub((byte) 32);
          FloatVector f1 = Q8_0Matrix.pairAdd(((ShortVector) q1.convertShape(VectorOperators.B2S, SH, 0))
              .mul(ShortVector.fromArray(SH, x16, xo + l)));
          FloatVector f2 = Q8_0Matrix.pairAdd(((ShortVector) q2.convertShape(VectorOperators.B2S, SH, 0))
              .mul(ShortVector.fromArray(SH, x16, xo + l + 32)));
          FloatVector f3 = Q8_0Matrix.pairAdd(((ShortVector) q3.convertShape(VectorOperators.B2S, SH, 0))
              .mul(ShortVector.fromArray(SH, x16, xo + l + 64)));
          FloatVector f4 = Q8_0Matrix.pairAdd(((ShortVector) q4.convertShape(VectorOperators.B2S, SH, 0))
              .mul(ShortVector.fromArray(SH, x16, xo + l + 96)));
          acc0 = f1.fma(FloatVector.broadcast(F, d * (byte) (scales >>> (8 * (is + 0)))), acc0);
          acc1 = f2.fma(FloatVector.broadcast(F, d * (byte) (scales >>> (8 * (is + 2)))), acc1);
          acc0 = f3.fma(FloatVector.broadcast(F, d * (byte) (scales >>> (8 * (is + 4)))), acc0);
          acc1 = f4.fma(FloatVector.broadcast(F, d * (byte) (scales >>> (8 * (is + 6)))), acc1);
        }
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }
}
