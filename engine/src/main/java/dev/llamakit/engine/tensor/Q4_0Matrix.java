package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.Q8_0Matrix.B128;
import static dev.llamakit.engine.tensor.Q8_0Matrix.B64;
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
 * Q4_0: blocks of 32 weights as an F16 scale and 16 bytes of nibbles (18 bytes); the low nibble of byte j is
 * element j, the high nibble element j+16, each minus 8.
 */
public final class Q4_0Matrix extends WeightMatrix {
  Q4_0Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_0;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 32; b++) {
      int bo = 18 * b;
      float d = f16(r, bo);
      for (int j = 0; j < 16; j++) {
        int v = r[bo + 2 + j] & 0xFF;
        out[off + b * 32 + j] = ((v & 0xF) - 8) * d;
        out[off + b * 32 + j + 16] = ((v >>> 4) - 8) * d;
      }
    }
  }

  @Override
  public void decodeRow(int row, float[] out, int off) {
    long bo = row * rowBytes;
    for (int j = 0; j < cols; j += 32, bo += 18) {
      FloatVector d = FloatVector.broadcast(F, f16(data, bo));
      ByteVector b0 = ByteVector.fromMemorySegment(B64, data, bo + 2, LE);
      ByteVector b1 = ByteVector.fromMemorySegment(B64, data, bo + 10, LE);
      ((FloatVector) b0.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d)
          .intoArray(out, off + j);
      ((FloatVector) b1.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d)
          .intoArray(out, off + j + 8);
      ((FloatVector) b0.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d)
          .intoArray(out, off + j + 16);
      ((FloatVector) b1.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0)).mul(d)
          .intoArray(out, off + j + 24);
    }
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long bo = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int j = 0; j < cols; j += 32, bo += 18) {
      FloatVector d = FloatVector.broadcast(F, f16(data, bo));
      ByteVector b0 = ByteVector.fromMemorySegment(B64, data, bo + 2, LE);
      ByteVector b1 = ByteVector.fromMemorySegment(B64, data, bo + 10, LE);
      FloatVector w0 = (FloatVector) b0.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w1 = (FloatVector) b1.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w2 = (FloatVector) b0.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w3 = (FloatVector) b1.lanewise(VectorOperators.LSHR, 4).sub((byte) 8).convertShape(VectorOperators.B2F, F, 0);
      FloatVector s = w0.mul(FloatVector.fromArray(F, x, xOff + j)).add(w1.mul(FloatVector.fromArray(F, x, xOff + j + 8)))
          .add(w2.mul(FloatVector.fromArray(F, x, xOff + j + 16)).add(w3.mul(FloatVector.fromArray(F, x, xOff + j + 24))));
      if ((j & 32) == 0) {
        acc0 = s.fma(d, acc0);
      } else {
        acc1 = s.fma(d, acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_0;
  }

  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    long bo = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int j = 0, b = 0; j < cols; j += 32, bo += 18, b++) {
      float d = f16(data, bo) * xs[b];
      ByteVector bytes = ByteVector.fromMemorySegment(B128, data, bo + 2, LE);
      ShortVector lo = (ShortVector) bytes.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2S, SH, 0);
      ShortVector hi = (ShortVector) bytes.lanewise(VectorOperators.LSHR, 4).sub((byte) 8)
          .convertShape(VectorOperators.B2S, SH, 0);
      ShortVector p = lo.mul(ShortVector.fromArray(SH, x16, j)).add(hi.mul(ShortVector.fromArray(SH, x16, j + 16)));
      FloatVector f = Q8_0Matrix.pairAdd(p);
      if ((b & 1) == 0) {
        acc0 = f.fma(FloatVector.broadcast(F, d), acc0);
      } else {
        acc1 = f.fma(FloatVector.broadcast(F, d), acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }
}
