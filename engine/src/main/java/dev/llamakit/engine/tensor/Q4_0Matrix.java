package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.B64;
import static dev.llamakit.engine.tensor.KernelShapes.BW;
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

/**
 * Q4_0: blocks of 32 weights as an F16 scale and 16 bytes of nibbles (18 bytes); the low nibble of byte j is
 * element j, the high nibble element j+16, each minus 8. Vector shapes: {@link KernelShapes}.
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
    for (int b = 0, nb = cols / 32; b < nb; b++) {
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
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      long bo = base + 18L * b;
      decodeBlock(data, bo + 2, f16(data, bo), out, off + 32 * b);
    }
  }

  /**
   * Writes the 32 weights of the block whose 16 nibble bytes start at {@code nibbles}, scaled by {@code d}, to
   * {@code out[at .. at+32)} (bit-identical to {@link #dequantizeRow}).
   */
  static void decodeBlock(MemorySegment data, long nibbles, float d, float[] out, int at) {
    FloatVector dv = FloatVector.broadcast(F, d);
    ByteVector b0 = ByteVector.fromMemorySegment(B64, data, nibbles, LE);
    ByteVector b1 = ByteVector.fromMemorySegment(B64, data, nibbles + 8, LE);
    KernelShapes.store8(b0.and((byte) 0xF).sub((byte) 8), dv, out, at);
    KernelShapes.store8(b1.and((byte) 0xF).sub((byte) 8), dv, out, at + 8);
    KernelShapes.store8(b0.lanewise(VectorOperators.LSHR, 4).sub((byte) 8), dv, out, at + 16);
    KernelShapes.store8(b1.lanewise(VectorOperators.LSHR, 4).sub((byte) 8), dv, out, at + 24);
  }

  @Override
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      int j = 32 * b;
      long bo = base + 18L * b;
      FloatVector d = FloatVector.broadcast(F, f16(data, bo));
      ByteVector b0 = ByteVector.fromMemorySegment(B64, data, bo + 2, LE);
      ByteVector b1 = ByteVector.fromMemorySegment(B64, data, bo + 10, LE);
      FloatVector s = KernelShapes.mul8(b0.and((byte) 0xF).sub((byte) 8), x, xOff + j)
          .add(KernelShapes.mul8(b1.and((byte) 0xF).sub((byte) 8), x, xOff + j + 8))
          .add(KernelShapes.mul8(b0.lanewise(VectorOperators.LSHR, 4).sub((byte) 8), x, xOff + j + 16)
              .add(KernelShapes.mul8(b1.lanewise(VectorOperators.LSHR, 4).sub((byte) 8), x, xOff + j + 24)));
      if ((b & 1) == 0) {
        acc0 = s.fma(d, acc0);
      } else {
        acc1 = s.fma(d, acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
  }

  /**
   * With vectors of 256 bits or more the grouped layout ({@link Q4_0PairedMatrix}: nibbles back to back, F32 scales):
   * two blocks per step where 512-bit vectors are native, one at 256 bits (measured ~20-25% less CPU time per
   * mat-vec than this file-layout kernel with {@code -XX:UseAVX=2}); at 128 bits, where it measured no faster, a
   * plain copy.
   */
  @Override
  public WeightMatrix resident(java.lang.foreign.SegmentAllocator memory) {
    return Q4_0PairedMatrix.used() ? Q4_0PairedMatrix.repack(this, memory) : super.resident(memory);
  }

  @Override
  public long residentBytes() {
    return Q4_0PairedMatrix.used() ? RepackedMatrix.bytes(rows, cols, 32, Q4_0PairedMatrix.BLOCK_BYTES) : byteSize();
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_0;
  }

  /**
   * Q4_0 x Q8_0 with 16-bit products. Low nibbles become {@code lo - 8} and meet activations pre-multiplied by 16
   * ({@link QuantizedActivations#q16lo16}); high nibbles are kept in place as the signed byte
   * {@code (b ^ 0x80) & 0xF0 = 16 * (hi - 8)}, so no byte shift (which x86 lacks) is needed. Each int16 lane then
   * holds at most 2 * 128 * 127 = 32512 in magnitude, and the block's integer sum is exactly 16 times the plain one,
   * which the 1/16 in the scale undoes exactly. With 128-bit vectors a block takes two steps of 8 bytes, summed in
   * int32.
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16lo16;
    float[] xs = q.scales;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    int nb = cols / 32;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    for (int b = 0; b < nb; b++) {
      long bo = base + 18L * b;
      float d = f16(data, bo) * (xs[b] * 0.0625f);
      IntVector s = step(data, bo, x16, b * 32, 0);
      for (int h = SL; h < 16; h += SL) {
        s = s.add(step(data, bo, x16, b * 32, h));
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

  /** Nibble bytes {@code h .. h+SL} of the block at {@code bo}: both their nibbles times their activations. */
  private static IntVector step(MemorySegment data, long bo, short[] x16, int j, int h) {
    ByteVector bytes = ByteVector.fromMemorySegment(BW, data, bo + 2 + h, LE);
    ShortVector lo = (ShortVector) bytes.and((byte) 0xF).sub((byte) 8).convertShape(VectorOperators.B2S, SH, 0);
    ShortVector hi = (ShortVector) bytes.lanewise(VectorOperators.XOR, (byte) 0x80).and((byte) 0xF0)
        .convertShape(VectorOperators.B2S, SH, 0);
    return KernelShapes.pairAddInt(lo.mul(ShortVector.fromArray(SH, x16, j + h))
        .add(hi.mul(ShortVector.fromArray(SH, x16, j + 16 + h))));
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
