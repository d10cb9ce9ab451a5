package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.B64;
import static dev.llamakit.engine.tensor.KernelShapes.F;
import static dev.llamakit.engine.tensor.KernelShapes.I;
import static dev.llamakit.engine.tensor.KernelShapes.LE;
import static dev.llamakit.engine.tensor.KernelShapes.PARTS;
import static dev.llamakit.engine.tensor.KernelShapes.SH;
import static dev.llamakit.engine.tensor.KernelShapes.SL;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q6_K matrix unpacked at load: every 256-weight super-block becomes 256 signed bytes {@code q6 - 32} in element
 * order, then its 16 int8 scales, then its F16 {@code d} (274 bytes instead of Q6_K's 210). The decode kernel then
 * does no bit unpacking, which doubles its throughput (nearly triples with 512-bit vectors) for 30% more bytes per token
 * (measured: {@code KernelBenchmark}). Weights, dequantized values and each block's integer sum are exactly those of
 * the packed matrix; {@link #type()} stays {@link GgmlType#Q6_K}.
 */
public final class Q6_KUnpackedMatrix extends RepackedMatrix {
  static final int BLOCK_BYTES = 274;
  private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
  private static final VectorSpecies<Short> SH512 = ShortVector.SPECIES_512;
  private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
  private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
  private static final VectorMask<Integer> SECOND_GROUP = VectorMask.fromLong(I512, 0xFF00L);

  private Q6_KUnpackedMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols, 256, BLOCK_BYTES);
  }

  /** Unpacks {@code m} into memory from {@code memory}. */
  static Q6_KUnpackedMatrix unpack(Q6_KMatrix m, SegmentAllocator memory) {
    int nb = m.cols() / 256;
    MemorySegment out = m.repackRows(memory, (long) BLOCK_BYTES * nb, (src, s0, dst, d0) -> {
      int[] u = new int[256];
      for (int b = 0; b < nb; b++) {
        int s = s0 + 210 * b, o = d0 + BLOCK_BYTES * b;
        Q6_KMatrix.unsignedValues(src, s, u);
        for (int j = 0; j < 256; j++) {
          dst[o + j] = (byte) (u[j] - 32);
        }
        System.arraycopy(src, s + 192, dst, o + 256, 16);
        dst[o + 272] = src[s + 208];
        dst[o + 273] = src[s + 209];
      }
    });
    return new Q6_KUnpackedMatrix(m.name(), out, m.rows(), m.cols());
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q6_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 256; b++) {
      int o = BLOCK_BYTES * b;
      float d = f16(r, o + 272);
      for (int j = 0; j < 256; j++) {
        out[off + 256 * b + j] = d * r[o + 256 + j / 16] * r[o + j];
      }
    }
  }

  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      float d = f16(data, o + 272);
      for (int g = 0; g < 16; g++) {
        FloatVector s = FloatVector.broadcast(F, d * data.get(ValueLayout.JAVA_BYTE, o + 256 + g));
        int y = off + 256 * b + 16 * g;
        KernelShapes.store8(ByteVector.fromMemorySegment(B64, data, o + 16 * g, LE), s, out, y);
        KernelShapes.store8(ByteVector.fromMemorySegment(B64, data, o + 16 * g + 8, LE), s, out, y + 8);
      }
    }
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  /**
   * Unpacked Q6_K x Q8_K: per 16-weight group, int16 products (at most 32 * 127 in magnitude, so adjacent pairs add
   * without overflow in the 16-bit halves of an int lane), times the group's scale, summed exactly in int32 over the
   * super-block (at most 256 * 32 * 127 * 128 < 2^31), then one float multiply-add per block. Two groups per step with
   * native 512-bit vectors (measured ~40% faster than one group per 256-bit step), else one group per step of
   * {@link KernelShapes} (one 256-bit vector, or two 128-bit ones).
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    return NATIVE_512 ? dot512(row, q) : dotNarrow(row, q);
  }

  float dot512(int row, QuantizedActivations q) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(F512);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      IntVector sum = IntVector.zero(I512);
      for (int g = 0; g < 16; g += 2) {
        ShortVector w = (ShortVector) ByteVector.fromMemorySegment(B256, data, o + 16 * g, LE)
            .convertShape(VectorOperators.B2S, SH512, 0);
        IntVector p = w.mul(ShortVector.fromArray(SH512, x16, 256 * b + 16 * g)).reinterpretAsInts();
        IntVector sc = IntVector.broadcast(I512, data.get(ValueLayout.JAVA_BYTE, o + 256 + g))
            .blend(data.get(ValueLayout.JAVA_BYTE, o + 257 + g), SECOND_GROUP);
        sum = sum.add(PairedLanes.pairSum(p).mul(sc));
      }
      acc = ((FloatVector) sum.convertShape(VectorOperators.I2F, F512, 0))
          .fma(FloatVector.broadcast(F512, f16(data, o + 272) * xs[b]), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  float dotNarrow(int row, QuantizedActivations q) {
    short[] x16 = q.q16;
    float[] xs = q.scales;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(F);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      IntVector sum = IntVector.zero(I);
      // two groups per iteration, in PARTS steps each (iterations, not an inner loop: a larger body made C2 box)
      for (int gh = 0; gh < 8 * PARTS; gh++) {
        int g = 2 * (gh / PARTS), h = gh % PARTS * SL;
        int xo = 256 * b + 16 * g;
        IntVector p0 = group(data, o + 16 * g, x16, xo, h), p1 = group(data, o + 16 * g + 16, x16, xo + 16, h);
        sum = sum.add(p0.mul(data.get(ValueLayout.JAVA_BYTE, o + 256 + g)))
            .add(p1.mul(data.get(ValueLayout.JAVA_BYTE, o + 257 + g)));
      }
      acc = KernelShapes.toFloat(sum).fma(FloatVector.broadcast(F, f16(data, o + 272) * xs[b]), acc);
    }
    return acc.reduceLanes(VectorOperators.ADD);
  }

  /** Weights {@code h .. h+SL} of the 16-weight group at {@code at} times their activations, pairs summed. */
  private static IntVector group(MemorySegment data, long at, short[] x16, int xo, int h) {
    return PairedLanes.pairSum(KernelShapes.widen(data, at + h).mul(ShortVector.fromArray(SH, x16, xo + h))
        .reinterpretAsInts());
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
