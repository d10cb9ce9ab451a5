package dev.llamakit.engine.tensor;

import static dev.llamakit.engine.tensor.KernelShapes.LE;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * A Q4_K matrix repacked at load for 512-bit vectors, 148 bytes per 256-weight super-block (Q4_K's 144 plus 4):
 * <ul>
 *   <li>128 nibble bytes, 16 per 32-weight sub-block {@code s}: byte {@code i} holds weight {@code 32s + i} in its low
 *       nibble and weight {@code 32s + 16 + i} in its high one (the file pairs weights of two different sub-blocks
 *       in a byte, which keeps them from being summed together);</li>
 *   <li>the 8 sub-block scales, then the 8 mins, one byte each (the file packs them in 12 bytes of 6-bit fields);</li>
 *   <li>F16 {@code d}, then F16 {@code dmin}.</li>
 * </ul>
 * The decode kernel is then {@link Q4_0PairedMatrix}'s: two sub-blocks per 512-bit step on the same activation layout
 * ({@link QuantizedActivations#q16pairs}), with the mins applied once per super-block from the activations' group
 * sums. Values are exactly Q4_K's; {@link #type()} stays {@link GgmlType#Q4_K}. Used where 512-bit vectors are native
 * and at 256 bits ({@link #used()}), where {@link #dotNarrow} takes one sub-block per step: the sub-block is laid out
 * as a Q4_0 block, so the step is {@link Q4_0PairedMatrix}'s 256-bit one on the same activation layout
 * ({@link QuantizedActivations#q16nib}).
 */
public final class Q4_KPairedMatrix extends RepackedMatrix {
  static final int BLOCK_BYTES = 148;
  private static final int SCALES = 128;
  private static final int MINS = SCALES + 8;
  private static final int D = SCALES + 16;
  private static final int DMIN = SCALES + 18;
  private static final VectorSpecies<Byte> B128 = ByteVector.SPECIES_128;
  private static final VectorSpecies<Byte> B256 = ByteVector.SPECIES_256;
  /** 8 min bytes, widened to the lanes of {@link KernelShapes#I} (the first of them, where it has fewer than 8). */
  private static final VectorSpecies<Byte> MIN_BYTES = ByteVector.SPECIES_64;
  private static final VectorSpecies<Short> SH512 = ShortVector.SPECIES_512;
  private static final VectorSpecies<Float> F512 = FloatVector.SPECIES_512;
  private static final VectorSpecies<Integer> I512 = IntVector.SPECIES_512;
  /** Per int lane of a step, the shift that brings its sub-block's scale byte down: lanes 0-7, then 8-15. */
  private static final IntVector SCALE_SHIFTS = IntVector.fromArray(I512,
      new int[] {0, 0, 0, 0, 0, 0, 0, 0, 8, 8, 8, 8, 8, 8, 8, 8}, 0);

  /**
   * Whether {@link Q4_KMatrix#resident} uses this layout: where 512-bit vectors are native, and at 256 bits (measured
   * faster there than the file-layout kernel: see {@link #dotNarrow}). At 128 bits the file layout stays.
   */
  static boolean used() {
    return NATIVE_512 || KernelShapes.BITS == 256;
  }

  /** Whether the 256-bit kernel {@link #dotNarrow} is the one used (its activations need {@code q16nib}). */
  static boolean narrow() {
    return used() && !NATIVE_512;
  }

  private Q4_KPairedMatrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols, 256, BLOCK_BYTES);
  }

  /** Repacks {@code m} into memory from {@code memory}. */
  static Q4_KPairedMatrix repack(Q4_KMatrix m, SegmentAllocator memory) {
    int nb = m.cols() / 256;
    MemorySegment out = m.repackRows(memory, (long) BLOCK_BYTES * nb, (src, s0, dst, d0) -> {
      for (int b = 0; b < nb; b++) {
        int s = s0 + 144 * b, o = d0 + BLOCK_BYTES * b;
        for (int sub = 0; sub < 8; sub++) {
          // file: 32-byte chunk sub/2 holds sub-block 2j in low nibbles and 2j+1 in high nibbles
          int chunk = s + 16 + 32 * (sub / 2), shift = 4 * (sub % 2);
          for (int i = 0; i < 16; i++) {
            int lo = ((src[chunk + i] & 0xFF) >>> shift) & 0xF;
            int hi = ((src[chunk + 16 + i] & 0xFF) >>> shift) & 0xF;
            dst[o + 16 * sub + i] = (byte) (lo | hi << 4);
          }
        }
        KQuants.unpackScalesMins(src, s, dst, o + SCALES);
      }
    });
    return new Q4_KPairedMatrix(m.name(), out, m.rows(), m.cols());
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q4_K;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 256; b++) {
      int o = BLOCK_BYTES * b;
      float d = f16(r, o + D), min = f16(r, o + DMIN);
      for (int sub = 0; sub < 8; sub++) {
        float d1 = d * r[o + SCALES + sub], m1 = min * r[o + MINS + sub];
        for (int i = 0; i < 16; i++) {
          int v = r[o + 16 * sub + i] & 0xFF;
          out[off + 256 * b + 32 * sub + i] = d1 * (v & 0xF) - m1;
          out[off + 256 * b + 32 * sub + 16 + i] = d1 * (v >>> 4) - m1;
        }
      }
    }
  }

  /** Vector decode for the batched (prefill) path, bit-identical to {@link #dequantizeRow}: multiply, then subtract. */
  @Override
  public void decodeRow(int row, float[] out, int off) {
    if (!NATIVE_512) {
      decodeNarrow(row, out, off);
      return;
    }
    long base = row * rowBytes;
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      float d = f16(data, o + D), min = f16(data, o + DMIN);
      for (int sub = 0; sub < 8; sub++) {
        FloatVector d1 = FloatVector.broadcast(F512, d * data.get(ValueLayout.JAVA_BYTE, o + SCALES + sub));
        FloatVector m1 = FloatVector.broadcast(F512, min * data.get(ValueLayout.JAVA_BYTE, o + MINS + sub));
        ByteVector v = ByteVector.fromMemorySegment(B128, data, o + 16L * sub, LE);
        int y = off + 256 * b + 32 * sub;
        ((FloatVector) v.and((byte) 0xF).convertShape(VectorOperators.B2F, F512, 0)).mul(d1).sub(m1).intoArray(out, y);
        ((FloatVector) v.lanewise(VectorOperators.LSHR, 4).convertShape(VectorOperators.B2F, F512, 0)).mul(d1).sub(m1)
            .intoArray(out, y + 16);
      }
    }
  }

  /** {@link #decodeRow} in vectors of the preferred width ({@link KernelShapes#F}), where 512 bits are not native. */
  private void decodeNarrow(int row, float[] out, int off) {
    long base = row * rowBytes;
    int fl = KernelShapes.FL;
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      float d = f16(data, o + D), min = f16(data, o + DMIN);
      for (int sub = 0; sub < 8; sub++) {
        FloatVector d1 = FloatVector.broadcast(KernelShapes.F, d * data.get(ValueLayout.JAVA_BYTE, o + SCALES + sub));
        FloatVector m1 = FloatVector.broadcast(KernelShapes.F, min * data.get(ValueLayout.JAVA_BYTE, o + MINS + sub));
        ByteVector v = ByteVector.fromMemorySegment(B128, data, o + 16L * sub, LE);
        ByteVector lo = v.and((byte) 0xF), hi = v.lanewise(VectorOperators.LSHR, 4);
        int y = off + 256 * b + 32 * sub;
        for (int p = 0; p < 16 / fl; p++) {
          KernelShapes.floats(lo, p).mul(d1).sub(m1).intoArray(out, y + fl * p);
          KernelShapes.floats(hi, p).mul(d1).sub(m1).intoArray(out, y + 16 + fl * p);
        }
      }
    }
  }

  @Override
  public ActivationFormat activationFormat() {
    return ActivationFormat.Q8_K;
  }

  /**
   * Two sub-blocks per step, as {@link Q4_0PairedMatrix#dotQuantized}: each zero-extended byte times the first half
   * of the pair layout, its high nibble times the corrected second half, pair sums to int32. The sub-blocks' integer
   * scales are spread over the int lanes from one 2-byte read by a variable shift, and products times scales add up
   * exactly in int32 over the super-block (at most 4 * 7620 * 63 per lane), then one float multiply-add by
   * {@code d * dx} (measured 40% faster than a float multiply-add per step). The mins come off once per super-block:
   * its 8 scales and 8 mins read as one 16-float vector meet the activations' per-sub-block sums
   * ({@link QuantizedActivations#minSums}) in one multiply and one multiply-add (40% faster than a scalar loop;
   * picking the scales from that vector by a shuffle was 3x slower: C2 does not compile it well).
   */
  @Override
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    return NATIVE_512 ? dot512(row, q) : dotNarrow(row, q);
  }

  /** The 512-bit kernel ({@link #dotQuantized}); only where 512-bit vectors are native. */
  float dot512(int row, QuantizedActivations q) {
    short[] xp = q.q16pairs;
    float[] xs = q.scales;
    float[] ms = q.minSums;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(F512), mins = FloatVector.zero(F512);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      FloatVector sm = (FloatVector) ByteVector.fromMemorySegment(B128, data, o + SCALES, LE)
          .convertShape(VectorOperators.B2F, F512, 0);
      mins = sm.mul(FloatVector.fromArray(F512, ms, 16 * b))
          .fma(FloatVector.broadcast(F512, f16(data, o + DMIN) * xs[b]), mins);
      IntVector sum = IntVector.zero(I512);
      for (int k = 0; k < 4; k++) {
        int xo = 256 * b + 64 * k;
        ShortVector v = (ShortVector) ByteVector.fromMemorySegment(B256, data, o + 32L * k, LE)
            .convertShape(VectorOperators.ZERO_EXTEND_B2S, SH512, 0);
        ShortVector p = v.mul(ShortVector.fromArray(SH512, xp, xo))
            .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(SH512, xp, xo + 32)));
        IntVector scales = IntVector.broadcast(I512, data.get(I16, o + SCALES + 2L * k))
            .lanewise(VectorOperators.LSHR, SCALE_SHIFTS).and(0xFF);
        sum = sum.add(PairedLanes.pairSum(p.reinterpretAsInts()).mul(scales));
      }
      acc = ((FloatVector) sum.convertShape(VectorOperators.I2F, F512, 0))
          .fma(FloatVector.broadcast(F512, f16(data, o + D) * xs[b]), acc);
    }
    return acc.sub(mins).reduceLanes(VectorOperators.ADD);
  }

  /**
   * The kernel below 512 bits: one 32-weight sub-block per step, laid out as a Q4_0 block, on {@code q16nib} (the
   * same step as {@link Q4_0PairedMatrix#dotNarrow}: zero-extended bytes times the activations, high nibbles times the
   * corrected partners, pair sums to int32), times the sub-block's integer scale, summed exactly in int32 over the
   * super-block (at most 8 * 7620 * 63 per lane), then one float multiply-add by {@code d * dx}. The mins come off
   * eight lanes at a time: the super-block's 8 min bytes times the activations' sub-block sums
   * ({@link QuantizedActivations#pairSums}, exact in int32), one multiply-add by {@code dmin * dx} into a second
   * accumulator (measured 17-18% less CPU per mat-vec than a scalar loop over the 8 mins, 2048 x 2048 and 5632 x 2048
   * with {@code -XX:UseAVX=2}).
   */
  float dotNarrow(int row, QuantizedActivations q) {
    short[] xn = q.q16nib;
    float[] xs = q.scales;
    int[] pairSums = q.pairSums;
    MemorySegment data = this.data;
    long base = row * rowBytes;
    FloatVector acc = FloatVector.zero(KernelShapes.F), mins = FloatVector.zero(KernelShapes.F);
    for (int b = 0, nb = cols / 256; b < nb; b++) {
      long o = base + (long) BLOCK_BYTES * b;
      IntVector sum = IntVector.zero(KernelShapes.I);
      for (int sub = 0; sub < 8; sub++) {
        long at = o + 16L * sub;
        int xo = 256 * b + 32 * sub;
        IntVector s = PairedLanes.nibbleStep(data, at, xn, xo);
        for (int h = KernelShapes.SL; h < 16; h += KernelShapes.SL) {
          s = s.add(PairedLanes.nibbleStep(data, at + h, xn, xo + h));
        }
        sum = sum.add(s.mul(data.get(ValueLayout.JAVA_BYTE, o + SCALES + sub)));
      }
      float dx = xs[b];
      acc = KernelShapes.toFloat(sum).fma(FloatVector.broadcast(KernelShapes.F, f16(data, o + D) * dx), acc);
      for (int m = 0; m < 8; m += KernelShapes.FL) {
        IntVector mb = (IntVector) ByteVector.fromMemorySegment(MIN_BYTES, data, o + MINS + m, LE)
            .convertShape(VectorOperators.B2I, KernelShapes.I, 0);
        mins = KernelShapes.toFloat(mb.mul(IntVector.fromArray(KernelShapes.I, pairSums, 8 * b + m)))
            .fma(FloatVector.broadcast(KernelShapes.F, f16(data, o + DMIN) * dx), mins);
      }
    }
    return acc.sub(mins).reduceLanes(VectorOperators.ADD);
  }


  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
