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
    long base = row * rowBytes;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 210L * b;
      float d = f16(data, bo + 208);
      long ql = bo, qh = bo + 128, sc = bo + 192;
      int y = off + b * 256;
      for (int n = 0; n < 2; n++) {
        for (int l = 0; l < 32; l++) {
          int is = l / 16;
          int lq = KQuants.u8(data, ql + l), lq2 = KQuants.u8(data, ql + l + 32), h = KQuants.u8(data, qh + l);
          int q1 = ((lq & 0xF) | ((h & 3) << 4)) - 32;
          int q2 = ((lq2 & 0xF) | (((h >>> 2) & 3) << 4)) - 32;
          int q3 = ((lq >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
          int q4 = ((lq2 >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
          out[y + l] = d * data.get(ValueLayout.JAVA_BYTE, sc + is) * q1;
          out[y + l + 32] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 2) * q2;
          out[y + l + 64] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 4) * q3;
          out[y + l + 96] = d * data.get(ValueLayout.JAVA_BYTE, sc + is + 6) * q4;
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
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 210L * b;
      float d = f16(data, bo + 208) * q.scales[b];
      IntVector sumi = IntVector.zero(IntVector.SPECIES_256);
      for (int n = 0; n < 2; n++) {
        long ql = bo + 64L * n, qh = bo + 128 + 32L * n, sc = bo + 192 + 8L * n;
        int xo = b * 256 + 128 * n;
        for (int half = 0; half < 2; half++) {
          int l = 16 * half;
          ByteVector a = ByteVector.fromMemorySegment(B128, data, ql + l, LE);
          ByteVector c = ByteVector.fromMemorySegment(B128, data, ql + l + 32, LE);
          ByteVector h = ByteVector.fromMemorySegment(B128, data, qh + l, LE);
          ByteVector q1 = a.and((byte) 0xF).or(h.and((byte) 3).lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
          ByteVector q2 = c.and((byte) 0xF).or(h.lanewise(VectorOperators.LSHR, 2).and((byte) 3)
              .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
          ByteVector q3 = a.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 4).and((byte) 3)
              .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
          ByteVector q4 = c.lanewise(VectorOperators.LSHR, 4).or(h.lanewise(VectorOperators.LSHR, 6).and((byte) 3)
              .lanewise(VectorOperators.LSHL, 4)).sub((byte) 32);
          int is = half;
          sumi = sumi.add(term(q1, x16, xo + l, data.get(ValueLayout.JAVA_BYTE, sc + is)))
              .add(term(q2, x16, xo + l + 32, data.get(ValueLayout.JAVA_BYTE, sc + is + 2)))
              .add(term(q3, x16, xo + l + 64, data.get(ValueLayout.JAVA_BYTE, sc + is + 4)))
              .add(term(q4, x16, xo + l + 96, data.get(ValueLayout.JAVA_BYTE, sc + is + 6)));
        }
      }
      acc = ((FloatVector) sumi.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, d), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  private static IntVector term(ByteVector w, short[] x16, int xo, int scale) {
    ShortVector p = ((ShortVector) w.convertShape(VectorOperators.B2S, SH, 0)).mul(ShortVector.fromArray(SH, x16, xo));
    return Q8_0Matrix.pairAddInt(p).mul(scale);
  }
}
