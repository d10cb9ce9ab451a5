package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Q8_0: blocks of 32 int8 weights with an F16 scale (34 bytes). */
public final class Q8_0Matrix extends WeightMatrix {
  static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
  static final VectorSpecies<Short> SH = ShortVector.SPECIES_256;
  static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
  static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  Q8_0Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q8_0;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      int bo = 34 * b;
      float d = f16(r, bo);
      for (int j = 0; j < 32; j++) {
        out[off + b * 32 + j] = r[bo + 2 + j] * d;
      }
    }
  }

  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      int j = 32 * b;
      long bo = base + 34L * b;
      FloatVector d = FloatVector.broadcast(F, f16(data, bo));
      for (int k = 0; k < 4; k++) {
        ((FloatVector) ByteVector.fromMemorySegment(B64, data, bo + 2 + 8 * k, LE).convertShape(VectorOperators.B2F, F, 0))
            .mul(d).intoArray(out, off + j + 8 * k);
      }
    }
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      int j = 32 * b;
      long bo = base + 34L * b;
      FloatVector d = FloatVector.broadcast(F, f16(data, bo));
      FloatVector w0 = (FloatVector) ByteVector.fromMemorySegment(B64, data, bo + 2, LE).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w1 = (FloatVector) ByteVector.fromMemorySegment(B64, data, bo + 10, LE).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w2 = (FloatVector) ByteVector.fromMemorySegment(B64, data, bo + 18, LE).convertShape(VectorOperators.B2F, F, 0);
      FloatVector w3 = (FloatVector) ByteVector.fromMemorySegment(B64, data, bo + 26, LE).convertShape(VectorOperators.B2F, F, 0);
      FloatVector s = w0.mul(FloatVector.fromArray(F, x, xOff + j)).add(w1.mul(FloatVector.fromArray(F, x, xOff + j + 8)))
          .add(w2.mul(FloatVector.fromArray(F, x, xOff + j + 16)).add(w3.mul(FloatVector.fromArray(F, x, xOff + j + 24))));
      if ((b & 1) == 0) {
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

  /** The int8 x int16 pair-add kernel (engine.md appendix A). */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    long bo = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int j = 0, b = 0; j < cols; j += 32, bo += 34, b++) {
      float d = f16(data, bo) * xs[b];
      ShortVector w0 = (ShortVector) ByteVector.fromMemorySegment(B128, data, bo + 2, LE).convertShape(VectorOperators.B2S, SH, 0);
      ShortVector w1 = (ShortVector) ByteVector.fromMemorySegment(B128, data, bo + 18, LE).convertShape(VectorOperators.B2S, SH, 0);
      ShortVector p = w0.mul(ShortVector.fromArray(SH, x16, j)).add(w1.mul(ShortVector.fromArray(SH, x16, j + 16)));
      FloatVector f = pairAdd(p);
      if ((b & 1) == 0) {
        acc0 = f.fma(FloatVector.broadcast(F, d), acc0);
      } else {
        acc1 = f.fma(FloatVector.broadcast(F, d), acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /** Sums adjacent int16 lanes into 8 int32 lanes (vpmaddwd emulation) and converts them to float. */
  static FloatVector pairAdd(ShortVector p) {
    return (FloatVector) pairAddInt(p).convertShape(VectorOperators.I2F, F, 0);
  }

  static IntVector pairAddInt(ShortVector p) {
    IntVector pi = p.reinterpretAsInts();
    return pi.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
        .add(pi.lanewise(VectorOperators.ASHR, 16));
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
