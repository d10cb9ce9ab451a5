package dev.llamakit.pipelines.minhash;

/**
 * The LSH S-curve: the probability that two documents of Jaccard similarity {@code s} share at least one of
 * {@code bands} bands of {@code rows} MinHash values, {@code 1 - (1 - s^rows)^bands}, and its threshold
 * {@code (1/bands)^(1/rows)} (where the curve is steepest, roughly its midpoint). FineWeb's 14 × 8: threshold 0.72,
 * P(0.8) = 0.924, P(0.6) = 0.21.
 */
public final class SCurve {
  private SCurve() {}

  /** P(candidate | Jaccard = s). */
  public static double probability(double s, int bands, int rows) {
    return 1 - Math.pow(1 - Math.pow(s, rows), bands);
  }

  /** The similarity at which the curve is steepest, {@code (1/bands)^(1/rows)}. */
  public static double threshold(int bands, int rows) {
    return Math.pow(1.0 / bands, 1.0 / rows);
  }
}
