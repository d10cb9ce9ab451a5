package dev.llamakit.engine.tensor;

import java.util.Collection;
import java.util.SplittableRandom;

/**
 * Runs every kernel a model will use on small random matrices until C2 has compiled it, so that no real request
 * runs boxed, interpreted Vector API code (engine.md §6.5 "warm-up at load").
 */
public final class KernelWarmup {
  private KernelWarmup() {}

  /**
   * Warms the kernels of each matrix in {@code samples} (one per weight type is enough) on its own rows, so the JIT
   * profiles see the same segment kinds real requests use; about {@code iterations} calls each. Returns a checksum.
   */
  public static double warm(Collection<WeightMatrix> samples, int iterations) {
    double sink = 0;
    for (WeightMatrix w : samples) {
      int cols = w.cols();
      float[] x = new float[2 * cols];
      SplittableRandom rnd = new SplittableRandom(1);
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) rnd.nextGaussian();
      }
      float[] scratch = new float[Math.max(4 * cols, BroadcastTiles.ROWS * BroadcastTiles.STRIDE)];
      float[] acc = new float[16 * TileKernels.lanes()];
      int vecCols = cols - cols % TileKernels.lanes();
      int chunk = Math.min(cols, MatMul.BROADCAST_K_CHUNK);
      float[] xt = BroadcastTiles.used() ? new float[BroadcastTiles.transposedLength(2, chunk)] : null;
      if (xt != null) {
        BroadcastTiles.transpose(x, 2, chunk, xt);
      }
      QuantizedActivations q = new QuantizedActivations(cols);
      if (w.activationFormat() != ActivationFormat.F32) {
        q.quantize(w.activationFormat(), x, 0, cols);
      }
      int rows = Math.min(4, w.rows());
      // long rows need fewer calls to get the loops compiled
      int n = Math.max(200, (int) Math.min(iterations, iterations * 512L / Math.max(cols, 1)));
      for (int i = 0; i < n; i++) {
        int r = i % rows;
        sink += w.dotQuantized(r, q, x, scratch);
        if ((i & 7) == 0) {
          sink += w.dot(r, x, 0, scratch);
          w.dequantizeRow(r, scratch, 0);
          w.decodeRow(r, scratch, 0);
        }
      }
      for (int i = 0; i < n; i++) {
        sink += FloatKernels.dot(x, 0, x, cols, cols);
        // the prefill tiles: 4 rows (the decoded row four times, stride 0) against the two activation rows
        if (BroadcastTiles.used()) {
          // the same with the tokens across the lanes: 4 rows against a group of tokens, one column chunk
          BroadcastTiles.tile4x2(scratch, 0, xt, 0, chunk, acc, 0);
          BroadcastTiles.tile4x1(scratch, 0, xt, 0, chunk, acc, 0);
        } else {
          TileKernels.tile4x4(scratch, 0, 0, x, 0, 0, vecCols, acc, 0);
          TileKernels.tile4x2(scratch, 0, 0, x, 0, cols, vecCols, acc, 0);
          TileKernels.tile4x1(scratch, 0, 0, x, cols, vecCols, acc, 0);
        }
        sink += TileKernels.reduce(acc, 0);
      }
    }
    return sink;
  }

  /**
   * Touches one byte per 4 KiB page of {@code seg} so the page faults of a freshly mapped model are paid at load,
   * not by the first request (engine.md §6.1). Returns a checksum.
   */
  public static long prefault(java.lang.foreign.MemorySegment seg) {
    long sum = 0;
    long n = seg.byteSize();
    for (long o = 0; o < n; o += 4096) {
      sum += seg.get(java.lang.foreign.ValueLayout.JAVA_BYTE, o);
    }
    return sum;
  }
}
