package dev.llamakit.engine.tensor;

/**
 * Fits one group of values with unsigned integer levels {@code 0..nmax}: {@code x ~ scale * q - offset}, scale >= 0 and
 * offset >= 0 (the K-quant "min" is never positive, so a group of positive values still starts at zero), as the Q4_K
 * and Q5_K sub-blocks store them.
 *
 * <p>The search is llamakit's own, simpler than ggml's {@code make_qkx2_quants} (which also weights each value by its
 * magnitude): 21 candidate steps {@code (hi - lo) / (nmax + t)} for {@code t} from -1 to 1 in steps of 0.1, where
 * {@code lo = min(0, min x)} and {@code hi = max x}; each rounds the values to levels and then refits scale and offset
 * to those levels by least squares (offset clamped to >= 0); the pair with the smallest squared error wins.
 */
final class AffineFit {
  private static final int STEPS = 10;

  private AffineFit() {}

  /**
   * Fits {@code x[off .. off+n)}; writes the scale to {@code out[0]} and the offset (the positive "min") to
   * {@code out[1]}.
   */
  static void fit(float[] x, int off, int n, int nmax, float[] out) {
    float lo = 0, hi = -Float.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      lo = Math.min(lo, x[off + i]);
      hi = Math.max(hi, x[off + i]);
    }
    if (hi <= lo) {  // every value equal to lo <= 0
      out[0] = 0;
      out[1] = -lo;
      return;
    }
    float bestScale = (hi - lo) / nmax, bestOffset = -lo;
    double bestErr = error(x, off, n, nmax, bestScale, bestOffset);
    for (int t = -STEPS; t <= STEPS; t++) {
      float inv = (nmax + t / (float) STEPS) / (hi - lo);
      double sq = 0, sqq = 0, sx = 0, sxq = 0;
      for (int i = 0; i < n; i++) {
        int q = clamp(Math.round((x[off + i] - lo) * inv), nmax);
        sq += q;
        sqq += (double) q * q;
        sx += x[off + i];
        sxq += (double) x[off + i] * q;
      }
      double det = n * sqq - sq * sq;
      if (det <= 0) {
        continue;
      }
      double scale = (n * sxq - sq * sx) / det;
      double bias = (sqq * sx - sq * sxq) / det;  // x ~ scale * q + bias
      if (bias > 0) {  // the offset may not be negative: refit the scale alone through zero
        bias = 0;
        scale = sxq / sqq;
      }
      if (!(scale > 0)) {
        continue;
      }
      double err = error(x, off, n, nmax, (float) scale, (float) -bias);
      if (err < bestErr) {
        bestErr = err;
        bestScale = (float) scale;
        bestOffset = (float) -bias;
      }
    }
    out[0] = bestScale;
    out[1] = bestOffset;
  }

  /** Squared error of the group encoded with {@code scale} and {@code offset} (levels rounded to nearest). */
  static double error(float[] x, int off, int n, int nmax, float scale, float offset) {
    double err = 0;
    for (int i = 0; i < n; i++) {
      int q = scale > 0 ? clamp(Math.round((x[off + i] + offset) / scale), nmax) : 0;
      double d = scale * q - offset - x[off + i];
      err += d * d;
    }
    return err;
  }

  static int clamp(int q, int nmax) {
    return Math.max(0, Math.min(nmax, q));
  }
}
