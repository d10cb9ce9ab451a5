package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.B64;
import static dev.llamakit.engine.tensor.KernelShapes.F;
import static dev.llamakit.engine.tensor.KernelShapes.LE;
import static dev.llamakit.engine.tensor.KernelShapes.SH;
import static dev.llamakit.engine.tensor.KernelShapes.SL;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/** Q8_0: blocks of 32 int8 weights with an F16 scale (34 bytes). Vector shapes: {@link KernelShapes}. */
public final class Q8_0Matrix extends WeightMatrix {
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
        KernelShapes.store8(ByteVector.fromMemorySegment(B64, data, bo + 2 + 8 * k, LE), d, out, off + j + 8 * k);
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
      FloatVector s = KernelShapes.mul8(ByteVector.fromMemorySegment(B64, data, bo + 2, LE), x, xOff + j)
          .add(KernelShapes.mul8(ByteVector.fromMemorySegment(B64, data, bo + 10, LE), x, xOff + j + 8))
          .add(KernelShapes.mul8(ByteVector.fromMemorySegment(B64, data, bo + 18, LE), x, xOff + j + 16)
              .add(KernelShapes.mul8(ByteVector.fromMemorySegment(B64, data, bo + 26, LE), x, xOff + j + 24)));
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

  /**
   * The int8 x int16 pair-add kernel (engine.md appendix A): per block, each 16-weight half meets its activations in
   * int16 lanes, the two halves' products add per lane (at most 2 * 127 * 127), adjacent lanes add into int32, one
   * float conversion and multiply-add per block. With 128-bit vectors the block takes two such steps, summed in int32.
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    long bo = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int j = 0, b = 0; j < cols; j += 32, bo += 34, b++) {
      float d = f16(data, bo) * xs[b];
      IntVector s = step(data, bo, x16, j, 0);
      for (int h = SL; h < 16; h += SL) {
        s = s.add(step(data, bo, x16, j, h));
      }
      FloatVector f = KernelShapes.toFloat(s);
      if ((b & 1) == 0) {
        acc0 = f.fma(FloatVector.broadcast(F, d), acc0);
      } else {
        acc1 = f.fma(FloatVector.broadcast(F, d), acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /** Weights {@code h .. h+SL} and {@code 16+h .. 16+h+SL} of the block at {@code bo} times their activations. */
  private static IntVector step(MemorySegment data, long bo, short[] x16, int j, int h) {
    ShortVector p = KernelShapes.widen(data, bo + 2 + h).mul(ShortVector.fromArray(SH, x16, j + h))
        .add(KernelShapes.widen(data, bo + 18 + h).mul(ShortVector.fromArray(SH, x16, j + 16 + h)));
    return KernelShapes.pairAddInt(p);
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
