package dev.llamakit.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;

/**
 * A matrix in a layout made at load by {@link WeightMatrix#resident}: rows of fixed-size blocks, {@code blockBytes}
 * bytes per {@code blockWeights} weights. Already resident; {@link #type()} stays the ggml type it was made from.
 */
public abstract sealed class RepackedMatrix extends WeightMatrix
    permits Q4_0PairedMatrix, Q4_KPairedMatrix, Q5_KPairedMatrix, Q6_KPairedMatrix, Q6_KUnpackedMatrix {

  RepackedMatrix(String name, MemorySegment data, int rows, int cols, int blockWeights, int blockBytes) {
    super(name, data, rows, cols, bytes(1, cols, blockWeights, blockBytes));
  }

  /**
   * Whether this machine runs 512-bit vectors natively, which the paired layouts' kernels need (else the Vector API
   * would emulate them, slowly).
   */
  public static boolean supported() {
    return NATIVE_512;
  }

  /** Bytes of a {@code rows x cols} matrix in a layout of {@code blockBytes} per {@code blockWeights} weights. */
  static long bytes(int rows, int cols, int blockWeights, int blockBytes) {
    return (long) blockBytes * (cols / blockWeights) * rows;
  }

  @Override
  public final WeightMatrix resident(SegmentAllocator memory) {
    return this;
  }
}
