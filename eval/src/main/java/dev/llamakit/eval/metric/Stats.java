package dev.llamakit.eval.metric;

import java.util.List;

/** Aggregations lm-eval reports: mean, its standard error, weighted (micro) and plain (macro) group means. */
public final class Stats {
  private Stats() {}

  public static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** lm-eval's {@code mean_stderr}: sample standard deviation (n-1) over sqrt(n); NaN for fewer than 2 values. */
  public static double stderr(double[] v) {
    if (v.length < 2) {
      return Double.NaN;
    }
    double m = mean(v);
    double ss = 0;
    for (double x : v) {
      ss += (x - m) * (x - m);
    }
    return Math.sqrt(ss / (v.length - 1)) / Math.sqrt(v.length);
  }

  /** A subtask's score and size, the input of group aggregation. */
  public record Part(double value, double stderr, int size) {}

  /** Size-weighted mean (lm-eval's {@code weight_by_size: True}, the micro average over all questions). */
  public static double micro(List<Part> parts) {
    double s = 0;
    long n = 0;
    for (Part p : parts) {
      s += p.value() * p.size();
      n += p.size();
    }
    return s / n;
  }

  /** Plain mean of the parts (Meta's macro average over subjects). */
  public static double macro(List<Part> parts) {
    double s = 0;
    for (Part p : parts) {
      s += p.value();
    }
    return s / parts.size();
  }

  /** lm-eval's {@code pooled_sample_stderr} of a size-weighted group; NaN when a part has no stderr. */
  public static double pooledStderr(List<Part> parts) {
    double num = 0;
    long n = 0;
    for (Part p : parts) {
      num += (p.size() - 1) * p.stderr() * p.stderr() * p.size();
      n += p.size();
    }
    double dof = n - parts.size();
    return dof <= 0 ? Double.NaN : Math.sqrt(num / dof / n);
  }
}
