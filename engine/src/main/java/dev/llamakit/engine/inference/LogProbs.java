package dev.llamakit.engine.inference;

/** Log-softmax in double precision (max-subtracted, summed in id order), as the goldens compute it. */
public final class LogProbs {
  private LogProbs() {}

  /** {@code log(sum exp(l))} of {@code logits[off .. off+n)}. */
  public static double logSumExp(float[] logits, int off, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, logits[off + i]);
    }
    double s = 0;
    for (int i = 0; i < n; i++) {
      s += Math.exp(logits[off + i] - m);
    }
    return m + Math.log(s);
  }

  /** The full log-probability vector. */
  public static double[] logSoftmax(float[] logits, int off, int n) {
    double lse = logSumExp(logits, off, n);
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      out[i] = logits[off + i] - lse;
    }
    return out;
  }
}
