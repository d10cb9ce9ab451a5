package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.LE;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q4_0 matrix repacked at load where vectors are 256 bits or wider ({@link #used()}): each row is cut into groups of
 * {@value #GROUP} blocks (2,048 weights; the last group may be shorter), and each group holds the 16 nibble bytes of
 * its blocks back to back, then their scales as F32 (exactly the F16 values; 20 bytes per block instead of 18, for no
 * conversion in the kernel: measured 7-12% faster per token). Groups keep the two places a step reads near each other:
 * with whole-row groups an 8,192-wide row (Llama-3.2-1B's {@code ffn_down}) read 40% slower from memory than
 * 2,048-wide ones. The decode kernel takes two blocks per step: one 32-byte load, 32 int16 lanes, one float
 * multiply-add; measured ~20% faster than the Q4_0 kernel from cache and from memory ({@code KernelBenchmark}) where
 * 512-bit vectors are native ({@link #supported()}). Below 512 bits {@link #dotNarrow} takes one block per step in the
 * shapes of {@link KernelShapes}: at 256 bits (with {@code -XX:UseAVX=2}) ~20-25% less CPU time per mat-vec than the
 * file-layout {@link Q4_0Matrix} kernel. Values and each block's integer sum are exactly Q4_0's; {@link #type()} stays
 * Q4_0.
 */
public final class Q4_0PairedMatrix extends RepackedMatrix {
  private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
  private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
  private static final VectorSpecies<Short> SH = ShortVector.SPECIES_256;
  private static final VectorSpecies<Short> SH512 = ShortVector.SPECIES_512;
  private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
  private static final VectorMask<Float> SECOND_BLOCK = VectorMask.fromLong(F512, 0xFF00L);

  /** Blocks per group. Even, so a pair of blocks never straddles two groups. */
  static final int GROUP = 64;
  /** 16 nibble bytes and an F32 scale per 32 weights. */
  static final int BLOCK_BYTES = 20;

  private Q4_0PairedMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols, 32, BLOCK_BYTES);
  }

  /**
   * Whether {@link Q4_0Matrix#resident} uses this layout: with vectors of 256 bits or more (at 128 bits the
   * {@link #dotNarrow} kernel measured no faster than the file-layout one; it stays correct there, and is tested).
   */
  static boolean used() {
    return KernelShapes.BITS >= 256;
  }

  /** Offset in a row of block {@code b}'s nibbles. */
  private static int nibbleOffset(int b) {
    return BLOCK_BYTES * (b - b % GROUP) + 16 * (b % GROUP);
  }

  /** Offset in a row of block {@code b}'s F32 scale, for a row of {@code nb} blocks. */
  private static int scaleOffset(int b, int nb) {
    int g0 = b - b % GROUP;
    return BLOCK_BYTES * g0 + 16 * Math.min(GROUP, nb - g0) + 4 * (b % GROUP);
  }

  /** Repacks {@code m} into memory from {@code memory}. */
  static Q4_0PairedMatrix repack(Q4_0Matrix m, SegmentAllocator memory) {
    int nb = m.cols() / 32;
    MemorySegment out = m.repackRows(memory, (long) BLOCK_BYTES * nb, (src, s, dst, d) -> {
      for (int b = 0; b < nb; b++) {
        System.arraycopy(src, s + 18 * b + 2, dst, d + nibbleOffset(b), 16);
        int bits = Float.floatToRawIntBits(f16(src, s + 18 * b));
        for (int i = 0; i < 4; i++) {
          dst[d + scaleOffset(b, nb) + i] = (byte) (bits >>> (8 * i));
        }
      }
    });
    return new Q4_0PairedMatrix(m.name(), out, m.rows(), m.cols());
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_0;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    int nb = cols / 32;
    for (int b = 0; b < nb; b++) {
      float d = Float.intBitsToFloat((r[scaleOffset(b, nb)] & 0xFF) | (r[scaleOffset(b, nb) + 1] & 0xFF) << 8
          | (r[scaleOffset(b, nb) + 2] & 0xFF) << 16 | (r[scaleOffset(b, nb) + 3] & 0xFF) << 24);
      for (int j = 0; j < 16; j++) {
        int v = r[nibbleOffset(b) + j] & 0xFF;
        out[off + b * 32 + j] = ((v & 0xF) - 8) * d;
        out[off + b * 32 + j + 16] = ((v >>> 4) - 8) * d;
      }
    }
  }

  @Override
  public void decodeRow(int row, float[] out, int off) {
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 32; b < nb; b++) {
      Q4_0Matrix.decodeBlock(data, base + nibbleOffset(b), data.get(F32, base + scaleOffset(b, nb)), out, off + 32 * b);
    }
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_0;
  }

  /**
   * Two blocks per step on {@link QuantizedActivations#q16pairs}: zero-extended bytes times the activations, high
   * nibbles times their corrected partners (no mask: see {@code q16pairs}; each int16 lane ends at most 2 * 15 * 127
   * in magnitude, so adjacent lanes add without overflow), pair
   * sums to int32, one conversion and one multiply-add with the two blocks' scales; the offset of 8 comes off once
   * per block as {@code d * offsetTerms[b]} (measured ~10% faster than subtracting it from every lane). An odd last
   * block takes one 256-bit step.
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    return NATIVE_512 ? dot512(row, q) : dotNarrow(row, q);
  }

  /** The 512-bit kernel ({@link #dotQuantized}); only where 512-bit vectors are native. */
  float dot512(int row, QuantizedActivations q) {
    short[] xp = q.q16pairs;
    float[] xs = q.scales;
    float[] offsets = q.offsetTerms;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    int nb = cols / 32;
    FloatVector acc = FloatVector.zero(F512);
    float offset = 0;
    for (int g0 = 0; g0 < nb; g0 += GROUP) {
      int n = Math.min(GROUP, nb - g0);
      long nibbles = base + (long) BLOCK_BYTES * g0, scales = nibbles + 16L * n;
      for (int j = 0, even = n & ~1; j < even; j += 2) {
        int b = g0 + j;
        ShortVector v = (ShortVector) ByteVector.fromMemorySegment(B256, data, nibbles + 16L * j, LE)
            .convertShape(VectorOperators.ZERO_EXTEND_B2S, SH512, 0);
        ShortVector p = v.mul(ShortVector.fromArray(SH512, xp, 32 * b))
            .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(SH512, xp, 32 * b + 32)));
        FloatVector f = (FloatVector) PairedLanes.pairSum(p.reinterpretAsInts())
            .convertShape(VectorOperators.I2F, F512, 0);
        float w0 = data.get(F32, scales + 4L * j), w1 = data.get(F32, scales + 4L * j + 4);
        acc = f.fma(FloatVector.broadcast(F512, w0 * xs[b]).blend(w1 * xs[b + 1], SECOND_BLOCK), acc);
        offset += w0 * offsets[b] + w1 * offsets[b + 1];
      }
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    if ((nb & 1) != 0) {
      int b = nb - 1;
      ShortVector v = (ShortVector) ByteVector.fromMemorySegment(B128, data, base + nibbleOffset(b), LE)
          .convertShape(VectorOperators.ZERO_EXTEND_B2S, SH, 0);
      ShortVector p = v.mul(ShortVector.fromArray(SH, xp, 32 * b))
          .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(SH, xp, 32 * b + 16)));
      float w = data.get(F32, base + scaleOffset(b, nb));
      sum += PairedLanes.pairSum(p.reinterpretAsInts()).reduceLanes(VectorOperators.ADD) * (w * xs[b]);
      offset += w * offsets[b];
    }
    return sum - offset;
  }

  /**
   * The kernel below 512 bits, one block per step on {@link QuantizedActivations#q16nib}: 16 nibble bytes
   * zero-extended to {@link KernelShapes#SH} int16 lanes ({@link KernelShapes#PARTS} steps of {@link KernelShapes#SL}),
   * times {@code x_lo}, high nibbles times {@code x_hi - 16 x_lo}, pair sums to int32, one conversion and one
   * multiply-add with the block's F32 scale; the offset of 8 once per block as {@code d * offsetTerms[b]}.
   */
  float dotNarrow(int row, QuantizedActivations q) {
    short[] xn = q.q16nib;
    float[] xs = q.scales;
    float[] offsets = q.offsetTerms;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    int nb = cols / 32;
    FloatVector acc0 = FloatVector.zero(KernelShapes.F), acc1 = FloatVector.zero(KernelShapes.F);
    float offset = 0;
    for (int g0 = 0; g0 < nb; g0 += GROUP) {
      int n = Math.min(GROUP, nb - g0);
      long nibbles = base + (long) BLOCK_BYTES * g0, scales = nibbles + 16L * n;
      for (int j = 0; j < n; j++) {
        int b = g0 + j;
        IntVector s = PairedLanes.nibbleStep(data, nibbles + 16L * j, xn, 32 * b);
        for (int h = KernelShapes.SL; h < 16; h += KernelShapes.SL) {
          s = s.add(PairedLanes.nibbleStep(data, nibbles + 16L * j + h, xn, 32 * b + h));
        }
        float w = data.get(F32, scales + 4L * j);
        FloatVector d = FloatVector.broadcast(KernelShapes.F, w * xs[b]);
        if ((j & 1) == 0) {
          acc0 = KernelShapes.toFloat(s).fma(d, acc0);
        } else {
          acc1 = KernelShapes.toFloat(s).fma(d, acc1);
        }
        offset += w * offsets[b];
      }
    }
    return acc0.add(acc1).reduceLanes(VectorOperators.ADD) - offset;
  }


  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
