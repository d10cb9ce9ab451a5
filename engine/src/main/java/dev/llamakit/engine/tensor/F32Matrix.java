package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** Float32 weights. */
public final class F32Matrix extends WeightMatrix {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  F32Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.F32;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    MemorySegment.copy(data, F32, row * rowBytes, out, off, cols);
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long base = row * rowBytes;
    int i = 0;
    float sum = 0;
    if (cols >= L) {
      FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
      for (; i <= cols - 4 * L; i += 4 * L) {
        long o = base + 4L * i;
        s0 = FloatVector.fromMemorySegment(S, data, o, LE).fma(FloatVector.fromArray(S, x, xOff + i), s0);
        s1 = FloatVector.fromMemorySegment(S, data, o + 4L * L, LE).fma(FloatVector.fromArray(S, x, xOff + i + L), s1);
        s2 = FloatVector.fromMemorySegment(S, data, o + 8L * L, LE)
            .fma(FloatVector.fromArray(S, x, xOff + i + 2 * L), s2);
        s3 = FloatVector.fromMemorySegment(S, data, o + 12L * L, LE)
            .fma(FloatVector.fromArray(S, x, xOff + i + 3 * L), s3);
      }
      for (; i <= cols - L; i += L) {
        s0 = FloatVector.fromMemorySegment(S, data, base + 4L * i, LE).fma(FloatVector.fromArray(S, x, xOff + i), s0);
      }
      sum = s0.add(s1).add(s2.add(s3)).reduceLanes(VectorOperators.ADD);
    }
    for (; i < cols; i++) {
      sum += data.get(F32, base + 4L * i) * x[xOff + i];
    }
    return sum;
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
