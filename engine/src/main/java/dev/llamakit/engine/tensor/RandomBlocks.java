package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;

/**
 * Fills storage with valid random blocks of a type (random bits for the quantized payload, small positive
 * F16 scales), for kernel tests, warm-up and benchmarks.
 */
public final class RandomBlocks {
  private RandomBlocks() {}

  /** Fills {@code seg} with {@code elements} random values of type {@code t}. */
  public static void fill(GgmlType t, MemorySegment seg, long elements, SplittableRandom rnd) {
    fill(t, seg, elements, rnd, 1f);
  }

  /** As {@link #fill(GgmlType, MemorySegment, long, SplittableRandom)}, float types drawn from N(0, std²). */
  public static void fill(GgmlType t, MemorySegment seg, long elements, SplittableRandom rnd, float std) {
    long bytes = t.byteSize(elements);
    if (t.blockSize() > 1) {
      long p = 0;
      for (; p + 8 <= bytes; p += 8) {
        seg.set(ValueLayout.JAVA_LONG_UNALIGNED, p, rnd.nextLong());
      }
      for (; p < bytes; p++) {
        seg.set(ValueLayout.JAVA_BYTE, p, (byte) rnd.nextInt(256));
      }
    }
    long blocks = elements / t.blockSize();
    switch (t) {
      case F32 -> {
        for (long i = 0; i < elements; i++) {
          seg.set(WeightMatrix.F32, 4 * i, (float) rnd.nextGaussian() * std);
        }
      }
      case F16 -> {
        for (long i = 0; i < elements; i++) {
          seg.set(WeightMatrix.I16, 2 * i, Float.floatToFloat16((float) rnd.nextGaussian() * std));
        }
      }
      case BF16 -> {
        for (long i = 0; i < elements; i++) {
          seg.set(WeightMatrix.I16, 2 * i,
              (short) (Float.floatToRawIntBits((float) rnd.nextGaussian() * std) >>> 16));
        }
      }
      case Q8_0, Q4_0 -> {
        for (long b = 0; b < blocks; b++) {
          seg.set(WeightMatrix.I16, b * t.typeSize(), scale(rnd));
        }
      }
      case Q4_K, Q5_K -> {
        for (long b = 0; b < blocks; b++) {
          seg.set(WeightMatrix.I16, b * t.typeSize(), scale(rnd));
          seg.set(WeightMatrix.I16, b * t.typeSize() + 2, scale(rnd));
        }
      }
      case Q6_K -> {
        for (long b = 0; b < blocks; b++) {
          seg.set(WeightMatrix.I16, b * t.typeSize() + 208, scale(rnd));
        }
      }
      default -> throw new UnsupportedTensorTypeException("random", t);
    }
  }

  private static short scale(SplittableRandom rnd) {
    return Float.floatToFloat16((float) (0.001 + 0.02 * rnd.nextDouble()));
  }
}
