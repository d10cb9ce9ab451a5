package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.F;
import static dev.llamakit.engine.tensor.KernelShapes.PARTS;
import static dev.llamakit.engine.tensor.KernelShapes.SH;
import static dev.llamakit.engine.tensor.KernelShapes.SL;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Q4_K: super-blocks of 256 weights (144 bytes): F16 {@code d}, F16 {@code dmin}, 12 bytes of packed 6-bit
 * scales/mins for 8 sub-blocks of 32, and 128 bytes of nibbles; weight = d*sc*q - dmin*m. Vector shapes:
 * {@link KernelShapes}.
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
    byte[] r = rowCopy(row);
    int[] sm = new int[2];
    int y = off;
    for (int b = 0; b < cols / 256; b++) {
      int bo = 144 * b;
      float d = f16(r, bo), min = f16(r, bo + 2);
      int q = bo + 16;
      for (int j = 0; j < 4; j++) {
        KQuants.scaleMin(r, bo + 4, 2 * j, sm);
        float d1 = d * sm[0], m1 = min * sm[1];
        KQuants.scaleMin(r, bo + 4, 2 * j + 1, sm);
        float d2 = d * sm[0], m2 = min * sm[1];
        for (int l = 0; l < 32; l++) {
          out[y++] = d1 * (r[q + l] & 0xF) - m1;
        }
        for (int l = 0; l < 32; l++) {
          out[y++] = d2 * ((r[q + l] & 0xFF) >>> 4) - m2;
        }
        q += 32;
      }
    }
  }

  /** Vector decode for the batched (prefill) path, bit-identical to {@link #dequantizeRow}. */
  @Override
  public void decodeRow(int row, float[] out, int off) {
    KQuants.decodeRow(data, row * rowBytes, cols / 256, 144, 16, -1, out, off);
  }

  /** With native 512-bit vectors the two-sub-block layout ({@link Q4_KPairedMatrix}), else a plain copy. */
  @Override
  public WeightMatrix resident(java.lang.foreign.SegmentAllocator memory) {
    return Q4_KPairedMatrix.used() ? Q4_KPairedMatrix.repack(this, memory) : super.resident(memory);
  }

  @Override
  public long residentBytes() {
    return Q4_KPairedMatrix.used() ? RepackedMatrix.bytes(rows, cols, 256, Q4_KPairedMatrix.BLOCK_BYTES)
        : byteSize();
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    short[] x16 = q.q16;
    long base = row * rowBytes;
    FloatVector acc0 = FloatVector.zero(F), acc1 = FloatVector.zero(F);
    float minSum = 0;
    for (int b = 0; b < cols / 256; b++) {
      long bo = base + 144L * b;
      float dx = q.scales[b];
      float d = f16(data, bo) * dx;
      long slo = data.get(I64, bo + 4);
      int shi = data.get(I32, bo + 12);
      minSum += f16(data, bo + 2) * dx * KQuants.minSum(slo, shi, q.bsums, b);
      // 64 weights (two sub-blocks sharing 32 bytes) per iteration, in PARTS steps; constant shifts. The steps of
      // 128-bit vectors are iterations of this loop, not an inner one: a larger body made C2 box the vectors.
      for (int jh = 0; jh < 4 * PARTS; jh++) {
        int j = jh / PARTS, h = jh % PARTS * SL;
        long qo = bo + 16 + 32L * j + h;
        int xo = b * 256 + 64 * j + h;
        // widened to int16 once; the high nibbles then need only int16 shifts (x86 has no byte shifts)
        ShortVector r0 = KernelShapes.widen(data, qo), r1 = KernelShapes.widen(data, qo + 16);
        IntVector p1 = nibbles(r0, r1, x16, xo);
        IntVector p2 = nibbles(r0.lanewise(VectorOperators.LSHR, 4), r1.lanewise(VectorOperators.LSHR, 4), x16, xo + 32);
        acc0 = KernelShapes.toFloat(p1).fma(FloatVector.broadcast(F, d * KQuants.scale(slo, shi, 2 * j)), acc0);
        acc1 = KernelShapes.toFloat(p2).fma(FloatVector.broadcast(F, d * KQuants.scale(slo, shi, 2 * j + 1)), acc1);
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - minSum;
  }

  /** The low nibbles of {@code a} and {@code b} times the activations at {@code xo} and {@code xo + 16}. */
  private static IntVector nibbles(ShortVector a, ShortVector b, short[] x16, int xo) {
    return KernelShapes.pairAddInt(a.and((short) 0xF).mul(ShortVector.fromArray(SH, x16, xo))
        .add(b.and((short) 0xF).mul(ShortVector.fromArray(SH, x16, xo + 16))));
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
