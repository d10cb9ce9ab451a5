package dev.llamakit.safety.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Nearest-rank percentiles of a sample (latencies in microseconds, say). */
public final class Percentiles {
  private final double[] sorted;

  /** Percentiles over a copy of {@code values}. */
  public Percentiles(double[] values) {
    this.sorted = values.clone();
    Arrays.sort(this.sorted);
  }

  /** The {@code p}-th percentile (0-100), nearest rank; NaN when empty. */
  public double at(double p) {
    if (sorted.length == 0) return Double.NaN;
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** p50, p90, p99, max as a map. */
  public Map<String, Double> summary() {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("p50", at(50));
    m.put("p90", at(90));
    m.put("p99", at(99));
    m.put("max", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
    return m;
  }
}
