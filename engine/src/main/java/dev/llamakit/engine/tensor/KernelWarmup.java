package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Collection;
import java.util.SplittableRandom;

/**
 * Runs every kernel a model will use on small random matrices until C2 has compiled it, so that no real request
 * runs boxed, interpreted Vector API code (engine.md §6.5 "warm-up at load").
 */
public final class KernelWarmup {
  private KernelWarmup() {}

  /** Warms the kernels of {@code types} with about {@code iterations} calls each; returns a checksum. */
  public static double warm(Collection<GgmlType> types, int iterations) {
    double sink = 0;
    int cols = 512;
    int rows = 4;
    float[] x = new float[cols * 2];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] scratch = new float[4 * cols];
    float[] tile = new float[8];
    try (Arena arena = Arena.ofConfined()) {
      for (GgmlType t : types) {
        if (!t.supported()) {
          continue;
        }
        MemorySegment seg = arena.allocate(t.byteSize((long) rows * cols), 64);
        RandomBlocks.fill(t, seg, rows * cols, rnd);
        WeightMatrix w = WeightMatrix.of("warmup-" + t, t, seg, rows, cols);
        QuantizedActivations q = new QuantizedActivations(cols);
        if (w.activationFormat() != ActivationFormat.F32) {
          q.quantize(w.activationFormat(), x, 0, cols);
        }
        for (int i = 0; i < iterations; i++) {
          int r = i & 3;
          sink += w.dot(r, x, 0, scratch);
          sink += w.dotQuantized(r, q, x, scratch);
          if ((i & 15) == 0) {
            w.dequantizeRow(r, scratch, 0);
            FloatKernels.dot4x2(scratch, 0, 0, x, 0, cols, cols, tile);
            sink += tile[0];
          }
        }
      }
    }
    for (int i = 0; i < iterations; i++) {
      sink += FloatKernels.dot(x, 0, x, cols, cols);
    }
    return sink;
  }
}
