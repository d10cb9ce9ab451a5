package dev.llamakit.engine.tensor;

import java.lang.foreign.MemorySegment;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Lane arithmetic shared by the paired resident layouts ({@link Q4_0PairedMatrix}, {@link Q4_KPairedMatrix},
 * {@link Q5_KPairedMatrix}, {@link Q6_KPairedMatrix}), whose int16 lanes each hold two weights.
 */
final class PairedLanes {
  private PairedLanes() {}

  /** Adds the two int16 halves of each int lane; exact when their sum fits in 16 bits. */
  static IntVector pairSum(IntVector p) {
    return p.add(p.lanewise(VectorOperators.LSHL, 16)).lanewise(VectorOperators.ASHR, 16);
  }

  /**
   * Lanes 16 * part .. 16 * part + 15 of {@code v}, each {@code a + (b << bits)}, as 32 int16 values in weight order
   * {@code a, b, a, b, ...}: widened to int lanes, {@code a | b << 16} reads as the two int16 values in order.
   */
  static ShortVector inWeightOrder(ShortVector v, int part, int bits) {
    IntVector lanes = (IntVector) v.convertShape(VectorOperators.ZERO_EXTEND_S2I, IntVector.SPECIES_512, part);
    return lanes.and((1 << bits) - 1).or(lanes.lanewise(VectorOperators.LSHR, bits).lanewise(VectorOperators.LSHL, 16))
        .reinterpretAsShorts();
  }
  /**
   * One 256-bit-or-narrower step of a Q4_0-layout block on {@link QuantizedActivations#q16nib}: {@link KernelShapes#SL}
   * nibble bytes at {@code at} zero-extended to int16 lanes, times {@code x_lo}, high nibbles times their corrected
   * partners at {@code j + 16}, pair sums to int32 ({@link Q4_0PairedMatrix#dotNarrow}, {@link Q4_KPairedMatrix}).
   */
  static IntVector nibbleStep(MemorySegment data, long at, short[] xn, int j) {
    ShortVector v = (ShortVector) ByteVector.fromMemorySegment(KernelShapes.BW, data, at, KernelShapes.LE)
        .convertShape(VectorOperators.ZERO_EXTEND_B2S, KernelShapes.SH, 0);
    ShortVector p = v.mul(ShortVector.fromArray(KernelShapes.SH, xn, j))
        .add(v.lanewise(VectorOperators.LSHR, 4).mul(ShortVector.fromArray(KernelShapes.SH, xn, j + 16)));
    return pairSum(p.reinterpretAsInts());
  }
}
