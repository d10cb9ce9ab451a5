package dev.llamakit.engine.tensor;

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
}
