package dev.llamakit.engine.tensor;

/**
 * Fits one group of values with signed integer levels {@code -(nmax+1)..nmax}: {@code x ~ scale * q}, the sign of
 * the scale free, as the Q6_K sub-blocks of 16 store them (levels -32..31).
 *
 * <p>llamakit's own search, simpler than ggml's {@code make_qx_quants}: with {@code v} the value of largest
 * magnitude, 21 candidates map {@code v} to level {@code -(nmax+1+t)} (the longer, negative side of the range) and 21
 * more to {@code nmax+t}, {@code t} from -1 to 1 in steps of 0.1; each rounds the values to levels and refits the
 * scale to them by least squares ({@code sum x q / sum q^2}); the scale with the smallest squared error wins.
 */
final class SymmetricFit {
  private static final int STEPS = 10;

  private SymmetricFit() {}

  /** The fitted scale of {@code x[off .. off+n)} (0 for an all-zero group). */
  static float fit(float[] x, int off, int n, int nmax) {
    float v = 0;
    for (int i = 0; i < n; i++) {
      if (Math.abs(x[off + i]) > Math.abs(v)) {
        v = x[off + i];
      }
    }
    if (v == 0) {
      return 0;
    }
    float best = -v / (nmax + 1);
    double bestErr = error(x, off, n, nmax, best);
    for (int side = 0; side < 2; side++) {
      for (int t = -STEPS; t <= STEPS; t++) {
        float level = side == 0 ? -(nmax + 1 + t / (float) STEPS) : nmax + t / (float) STEPS;
        float inv = level / v;
        double sxq = 0, sqq = 0;
        for (int i = 0; i < n; i++) {
          int q = clamp(Math.round(x[off + i] * inv), nmax);
          sxq += (double) x[off + i] * q;
          sqq += (double) q * q;
        }
        if (sqq == 0) {
          continue;
        }
        float scale = (float) (sxq / sqq);
        double err = error(x, off, n, nmax, scale);
        if (err < bestErr) {
          bestErr = err;
          best = scale;
        }
      }
    }
    return best;
  }

  /** Squared error of the group encoded with {@code scale} (levels rounded to nearest and clamped). */
  static double error(float[] x, int off, int n, int nmax, float scale) {
    double err = 0;
    for (int i = 0; i < n; i++) {
      int q = scale != 0 ? clamp(Math.round(x[off + i] / scale), nmax) : 0;
      double d = scale * q - x[off + i];
      err += d * d;
    }
    return err;
  }

  static int clamp(int q, int nmax) {
    return Math.max(-nmax - 1, Math.min(nmax, q));
  }
}
