package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** bfloat16 weights: the top 16 bits of a float32. */
public final class BF16Matrix extends WeightMatrix {
  private static final VectorSpecies<Float> S = KernelShapes.F;
  private static final VectorSpecies<Short> SH = KernelShapes.HF;
  private static final VectorSpecies<Integer> I = KernelShapes.I;
  private static final int L = KernelShapes.FL;

  BF16Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.BF16;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int i = 0; i < cols; i++) {
      out[off + i] = Float.intBitsToFloat(data.get(I16, base + 2L * i) << 16);
    }
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long base = row * rowBytes;
    int i = 0;
    float sum = 0;
    FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
    for (; i <= cols - 2 * L; i += 2 * L) {
      FloatVector w0 = load(base + 2L * i);
      FloatVector w1 = load(base + 2L * i + 2 * L);
      s0 = w0.fma(FloatVector.fromArray(S, x, xOff + i), s0);
      s1 = w1.fma(FloatVector.fromArray(S, x, xOff + i + L), s1);
    }
    sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < cols; i++) {
      sum += Float.intBitsToFloat(data.get(I16, base + 2L * i) << 16) * x[xOff + i];
    }
    return sum;
  }

  private FloatVector load(long off) {
    ShortVector h = ShortVector.fromMemorySegment(SH, data, off, ByteOrder.LITTLE_ENDIAN);
    IntVector bits = ((IntVector) h.convertShape(VectorOperators.S2I, I, 0)).lanewise(VectorOperators.LSHL, 16);
    return bits.reinterpretAsFloats();
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
