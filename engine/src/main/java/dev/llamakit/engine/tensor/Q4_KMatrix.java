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
 * Q4_K: super-blocks of 256 weights (144 bytes): F16 {@code d}, F16 {@code dmin}, 12 bytes of packed 6-bit
 * scales/mins for 8 sub-blocks of 32, and 128 bytes of nibbles; weight = d*sc*q - dmin*m.
 */
public final class Q4_KMatrix extends WeightMatrix {
  Q4_KMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int[] sm = new int[2];
    int y = off;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 144L * b;
      float d = f16(data, bo), min = f16(data, bo + 2);
      long q = bo + 16;
      for (int j = 0; j < 4; j++) {
        KQuants.scaleMin(data, bo + 4, 2 * j, sm);
        float d1 = d * sm[0], m1 = min * sm[1];
        KQuants.scaleMin(data, bo + 4, 2 * j + 1, sm);
        float d2 = d * sm[0], m2 = min * sm[1];
        for (int l = 0; l < 32; l++) {
          out[y++] = d1 * (KQuants.u8(data, q + l) & 0xF) - m1;
        }
        for (int l = 0; l < 32; l++) {
          out[y++] = d2 * (KQuants.u8(data, q + l) >>> 4) - m2;
        }
        q += 32;
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
      long bo = base + 144L * b;
      float dx = q.scales[b];
      float d = f16(data, bo) * dx, dmin = f16(data, bo + 2) * dx;
      KQuants.scalesMins(data, bo + 4, sc, mn);
      int summ = 0;
      for (int j = 0; j < 8; j++) {
        summ += mn[j] * (q.bsums[b * 16 + 2 * j] + q.bsums[b * 16 + 2 * j + 1]);
      }
      minSum += dmin * summ;
      IntVector sumi = IntVector.zero(IntVector.SPECIES_256);
      int xb = b * 256;
      for (int j = 0; j < 4; j++) {
        long qo = bo + 16 + 32L * j;
        ByteVector b0 = ByteVector.fromMemorySegment(B128, data, qo, LE);
        ByteVector b1 = ByteVector.fromMemorySegment(B128, data, qo + 16, LE);
        int xo = xb + 64 * j;
        ShortVector lo0 = (ShortVector) b0.and((byte) 0xF).convertShape(VectorOperators.B2S, SH, 0);
        ShortVector lo1 = (ShortVector) b1.and((byte) 0xF).convertShape(VectorOperators.B2S, SH, 0);
        ShortVector p1 = lo0.mul(ShortVector.fromArray(SH, x16, xo)).add(lo1.mul(ShortVector.fromArray(SH, x16, xo + 16)));
        ShortVector hi0 = (ShortVector) b0.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.B2S, SH, 0);
        ShortVector hi1 = (ShortVector) b1.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.B2S, SH, 0);
        ShortVector p2 = hi0.mul(ShortVector.fromArray(SH, x16, xo + 32))
            .add(hi1.mul(ShortVector.fromArray(SH, x16, xo + 48)));
        sumi = sumi.add(Q8_0Matrix.pairAddInt(p1).mul(sc[2 * j])).add(Q8_0Matrix.pairAddInt(p2).mul(sc[2 * j + 1]));
      }
      acc = ((FloatVector) sumi.convertShape(VectorOperators.I2F, F, 0)).fma(FloatVector.broadcast(F, d), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD) - minSum;
  }
}
