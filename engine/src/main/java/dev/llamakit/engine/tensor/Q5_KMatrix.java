package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.Q8_0Matrix.B128;
import static dev.llamakit.engine.tensor.Q8_0Matrix.F;
import static dev.llamakit.engine.tensor.Q8_0Matrix.LE;
import static dev.llamakit.engine.tensor.Q8_0Matrix.SH;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
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
    long base = row * rowBytes;
    int[] sm = new int[2];
    int y = off;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 176L * b;
      float d = f16(data, bo), min = f16(data, bo + 2);
      long qh = bo + 16;
      long ql = bo + 48;
      int u1 = 1, u2 = 2;
      for (int j = 0; j < 4; j++) {
        KQuants.scaleMin(data, bo + 4, 2 * j, sm);
        float d1 = d * sm[0], m1 = min * sm[1];
        KQuants.scaleMin(data, bo + 4, 2 * j + 1, sm);
        float d2 = d * sm[0], m2 = min * sm[1];
        for (int l = 0; l < 32; l++) {
          out[y++] = d1 * ((KQuants.u8(data, ql + l) & 0xF) + ((KQuants.u8(data, qh + l) & u1) != 0 ? 16 : 0)) - m1;
        }
        for (int l = 0; l < 32; l++) {
          out[y++] = d2 * ((KQuants.u8(data, ql + l) >>> 4) + ((KQuants.u8(data, qh + l) & u2) != 0 ? 16 : 0)) - m2;
        }
        ql += 32;
        u1 <<= 2;
        u2 <<= 2;
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
    int[] sc = new int[8], mn = new int[8];
    FloatVector acc = FloatVector.zero(F);
    float minSum = 0;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 176L * b;
      float dx = q.scales[b];
      float d = f16(data, bo) * dx, dmin = f16(data, bo + 2) * dx;
      KQuants.scalesMins(data, bo + 4, sc, mn);
      int summ = 0;
      for (int j = 0; j < 8; j++) {
        summ += mn[j] * (q.bsums[b * 16 + 2 * j] + q.bsums[b * 16 + 2 * j + 1]);
      }
      minSum += dmin * summ;
      ByteVector h0 = ByteVector.fromMemorySegment(B128, data, bo + 16, LE);
      ByteVector h1 = ByteVector.fromMemorySegment(B128, data, bo + 32, LE);
      IntVector sumi = IntVector.zero(IntVector.SPECIES_256);
      int xb = b * 256;
      for (int j = 0; j < 4; j++) {
        long qo = bo + 48 + 32L * j;
        ByteVector b0 = ByteVector.fromMemorySegment(B128, data, qo, LE);
        ByteVector b1 = ByteVector.fromMemorySegment(B128, data, qo + 16, LE);
        int s1 = 2 * j, s2 = 2 * j + 1;
        ByteVector l0 = b0.and((byte) 0xF).or(h0.lanewise(VectorOperators.LSHR, s1).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
        ByteVector l1 = b1.and((byte) 0xF).or(h1.lanewise(VectorOperators.LSHR, s1).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
        ByteVector u0 = b0.lanewise(VectorOperators.LSHR, 4)
            .or(h0.lanewise(VectorOperators.LSHR, s2).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
        ByteVector u1 = b1.lanewise(VectorOperators.LSHR, 4)
            .or(h1.lanewise(VectorOperators.LSHR, s2).and((byte) 1).lanewise(VectorOperators.LSHL, 4));
        int xo = xb + 64 * j;
        ShortVector p1 = ((ShortVector) l0.convertShape(VectorOperators.B2S, SH, 0)).mul(ShortVector.fromArray(SH, x16, xo))
            .add(((ShortVector) l1.convertShape(VectorOperators.B2S, SH, 0)).mul(ShortVector.fromArray(SH, x16, xo + 16)));
        ShortVector p2 = ((ShortVector) u0.convertShape(VectorOperators.B2S, SH, 0)).mul(ShortVector.fromArray(SH, x16, xo + 32))
            .add(((ShortVector) u1.convertShape(VectorOperators.B2S, SH, 0)).mul(ShortVector.fromArray(SH, x16, xo + 48)));
        sumi = sumi.add(Q8_0Matrix.pairAddInt(p1).mul(sc[s1])).add(Q8_0Matrix.pairAddInt(p2).mul(sc[s2]));
      }
      acc = ((FloatVector) sumi.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, d), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD) - minSum;
  }
}
