package dev.llamakit.engine.bench;

import dev.llamakit.engine.parallel.WorkerPool;
import dev.llamakit.engine.tensor.FloatKernels;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Measures memory read bandwidth the way engine.md §4 does: a vectorized sum over an off-heap buffer much larger than
 * the last-level cache, split across the same number of threads the engine uses; best of several passes.
 */
public final class BandwidthProbe {
  private BandwidthProbe() {}

  /** Read bandwidth in bytes per second over a {@code bytes}-byte buffer with {@code pool}'s threads. */
  public static double measure(WorkerPool pool, long bytes, int passes) {
    try (Arena arena = Arena.ofShared()) {
      MemorySegment seg = arena.allocate(bytes, 64);
      seg.fill((byte) 1);
      // compile the kernel with C2 first: the Vector API is only fast once intrinsified
      float warm = 0;
      for (int i = 0; i < 30_000; i++) {
        warm += FloatKernels.sum(seg, (i & 255) * 4096L, (i & 255) * 4096L + 4096);
      }
      double best = 0;
      float[] sink = new float[pool.size()];
      for (int p = 0; p < passes + 1; p++) {
        long t0 = System.nanoTime();
        pool.run((w, n) -> {
          long chunk = bytes / n / 64 * 64;
          long from = chunk * w, to = w == n - 1 ? bytes : from + chunk;
          sink[w] += FloatKernels.sum(seg, from, to);
        });
        long dt = System.nanoTime() - t0;
        if (p > 0) {
          best = Math.max(best, bytes * 1e9 / dt);
        }
      }
      if (Float.isNaN(sink[0] + warm)) {
        throw new IllegalStateException("unreachable");
      }
      return best;
    }
  }
}
