package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** IEEE half-precision weights. The vector path converts with bit arithmetic, subnormals included (exact). */
public final class F16Matrix extends WeightMatrix {
  private static final VectorSpecies<Float> S = KernelShapes.F;
  private static final VectorSpecies<Short> SH = KernelShapes.HF;
  private static final VectorSpecies<Integer> I = KernelShapes.I;
  private static final int L = KernelShapes.FL;

  F16Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.F16;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int i = 0; i < cols; i++) {
      out[off + i] = f16(data, base + 2L * i);
    }
  }

  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int i = 0;
    for (; i <= cols - L; i += L) {
      load(data, base + 2L * i).intoArray(out, off + i);
    }
    for (; i < cols; i++) {
      out[off + i] = f16(data, base + 2L * i);
    }
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long base = row * rowBytes;
    int i = 0;
    FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
    for (; i <= cols - 2 * L; i += 2 * L) {
      s0 = load(data, base + 2L * i).fma(FloatVector.fromArray(S, x, xOff + i), s0);
      s1 = load(data, base + 2L * i + 2 * L).fma(FloatVector.fromArray(S, x, xOff + i + L), s1);
    }
    float sum = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < cols; i++) {
      sum += f16(data, base + 2L * i) * x[xOff + i];
    }
    return sum;
  }

  /** {@link KernelShapes#FL} halves at {@code off} as floats (normals, subnormals, zeros; inf/NaN are not expected in weights). */
  static FloatVector load(MemorySegment seg, long off) {
    ShortVector h = ShortVector.fromMemorySegment(SH, seg, off, ByteOrder.LITTLE_ENDIAN);
    IntVector v = ((IntVector) h.convertShape(VectorOperators.S2I, I, 0)).and(0xFFFF);
    IntVector sign = v.and(0x8000).lanewise(VectorOperators.LSHL, 16);
    IntVector mag = v.and(0x7FFF);
    IntVector normal = mag.lanewise(VectorOperators.LSHL, 13).add(0x38000000);
    VectorMask<Integer> sub = v.and(0x7C00).compare(VectorOperators.EQ, 0);
    // subnormal (and zero): mantissa * 2^-24, exact in float
    FloatVector subVal = ((FloatVector) mag.convertShape(VectorOperators.I2F, S, 0)).mul(0x1p-24f);
    IntVector bits = normal.blend(subVal.reinterpretAsInts(), sub).or(sign);
    return bits.reinterpretAsFloats();
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
