package dev.llamakit.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector shapes of the file-layout integer kernels (Q8_0, Q4_0, Q4_K, Q5_K, Q6_K and the unpacked Q6_K) and of
 * the prefill decoders, chosen once, when the class is initialised, from the machine's preferred width
 * ({@code FloatVector.SPECIES_PREFERRED}): no kernel uses a shape wider than the machine's vectors, which the Vector
 * API would emulate (about 100x slower).
 *
 * <p>The kernels work in groups of 16 weights: 16 bytes widened to 16 int16 lanes, multiplied by the activations,
 * adjacent products added into int32 lanes, converted to float. With vectors of 256 bits or more one 256-bit int16
 * vector holds a group ({@link #PARTS} = 1, the code the 512-bit tuning was done with); with 128-bit vectors
 * (NEON, SSE, {@code -XX:MaxVectorSize=16}) two 128-bit vectors do ({@link #PARTS} = 2), loaded from 8 bytes each.
 * Q8_0 and Q4_0 add their {@link #PARTS} steps in an inner loop whose trip count is a constant (C2 unrolls it); the
 * K-quant kernels enumerate (sub-block, step) in their block loop instead, which keeps the loop body the size it has
 * at 256 bits (with an inner loop C2 boxed the Q4_K and Q5_K vectors at 128 bits, ~7x slower).
 * F16 and BF16 rows go {@link #FL} halves at a time ({@link #HF}).
 * The paired layouts of 512-bit machines keep their own fixed shapes: they are chosen only where those are native.
 */
final class KernelShapes {
  private KernelShapes() {}

  /** Bits of the machine's preferred vectors, capped at 256 and at least 128: 256 or 128. */
  static final int BITS = Math.max(128, Math.min(256, FloatVector.SPECIES_PREFERRED.vectorBitSize()));
  /** int16 lanes of one kernel vector: 16 or 8. */
  static final VectorSpecies<Short> SH = BITS == 256 ? ShortVector.SPECIES_256 : ShortVector.SPECIES_128;
  /** Lanes of {@link #SH}. */
  static final int SL = SH.length();
  /** Vectors per 16-weight group: 1 or 2. */
  static final int PARTS = 16 / SL;
  /** The bytes widened into one {@link #SH} vector: 128-bit or 64-bit loads. */
  static final VectorSpecies<Byte> BW = BITS == 256 ? ByteVector.SPECIES_128 : ByteVector.SPECIES_64;
  /** int32 lanes of {@link #SH}'s shape: the pair sums. */
  static final VectorSpecies<Integer> I = BITS == 256 ? IntVector.SPECIES_256 : IntVector.SPECIES_128;
  /** Floats of {@link #SH}'s shape: 8 or 4 lanes. */
  static final VectorSpecies<Float> F = BITS == 256 ? FloatVector.SPECIES_256 : FloatVector.SPECIES_128;
  /** Lanes of {@link #F}. */
  static final int FL = F.length();
  /** {@link #FL} int16 lanes (F16 and BF16 weights, widened to {@link #I} then read as {@link #F}): 128 or 64 bits. */
  static final VectorSpecies<Short> HF = BITS == 256 ? ShortVector.SPECIES_128 : ShortVector.SPECIES_64;
  /** Eight bytes: what the float decoders load, then convert to floats in {@code 8 / FL} parts. */
  static final VectorSpecies<Byte> B64 = ByteVector.SPECIES_64;
  static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

  /** {@link #SL} signed bytes at {@code off}, sign-extended to int16 lanes. */
  static ShortVector widen(MemorySegment data, long off) {
    return (ShortVector) ByteVector.fromMemorySegment(BW, data, off, LE).convertShape(VectorOperators.B2S, SH, 0);
  }

  /** Sums adjacent int16 lanes into int32 lanes (vpmaddwd emulation); exact. */
  static IntVector pairAddInt(ShortVector p) {
    IntVector pi = p.reinterpretAsInts();
    return pi.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 16)
        .add(pi.lanewise(VectorOperators.ASHR, 16));
  }

  /** {@link #pairAddInt} converted to float. */
  static FloatVector pairAdd(ShortVector p) {
    return toFloat(pairAddInt(p));
  }

  static FloatVector toFloat(IntVector v) {
    return (FloatVector) v.convertShape(VectorOperators.I2F, F, 0);
  }

  /** Bytes {@code FL * part .. FL * part + FL} of the 8-byte vector {@code v} as floats ({@code part < 8 / FL}). */
  static FloatVector floats(ByteVector v, int part) {
    return (FloatVector) v.convertShape(VectorOperators.B2F, F, part);
  }

  /** The 8 bytes of {@code v} as floats times {@code x[xo .. xo+8)}, lane-wise, in one vector of {@link #F}. */
  static FloatVector mul8(ByteVector v, float[] x, int xo) {
    FloatVector s = floats(v, 0).mul(FloatVector.fromArray(F, x, xo));
    for (int p = 1; p < 8 / FL; p++) {
      s = floats(v, p).fma(FloatVector.fromArray(F, x, xo + FL * p), s);
    }
    return s;
  }

  /** Writes the 8 bytes of {@code v} as floats times {@code d} to {@code out[at .. at+8)}. */
  static void store8(ByteVector v, FloatVector d, float[] out, int at) {
    for (int p = 0; p < 8 / FL; p++) {
      floats(v, p).mul(d).intoArray(out, at + FL * p);
    }
  }
}
