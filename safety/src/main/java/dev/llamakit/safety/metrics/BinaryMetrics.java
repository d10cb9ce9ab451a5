package dev.llamakit.safety.metrics;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary classification figures from scores and true labels: precision, recall, F1 and false-positive rate at a
 * threshold (score &ge; threshold = positive), and AUPRC as average precision (sklearn's
 * {@code average_precision_score}: sum over thresholds of (R_n - R_{n-1}) P_n, ties grouped).
 */
public record BinaryMetrics(int n, int positives, double threshold, double precision, double recall, double f1,
                            double fpr, double auprc) {

  /** Computes all figures. {@code scores[i]} belongs to {@code positive[i]}. */
  public static BinaryMetrics of(double[] scores, boolean[] positive, double threshold) {
    if (scores.length != positive.length) throw new IllegalArgumentException("scores and labels differ in length");
    int tp = 0, fp = 0, fn = 0, tn = 0, pos = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean p = scores[i] >= threshold;
      if (positive[i]) { pos++; if (p) tp++; else fn++; } else { if (p) fp++; else tn++; }
    }
    double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
    double recall = pos == 0 ? 0 : (double) tp / pos;
    double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    double fpr = fp + tn == 0 ? 0 : (double) fp / (fp + tn);
    return new BinaryMetrics(scores.length, pos, threshold, precision, recall, f1, fpr, averagePrecision(scores, positive));
  }

  /** Average precision over descending score thresholds (ties count as one threshold). */
  public static double averagePrecision(double[] scores, boolean[] positive) {
    int n = scores.length;
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) idx[i] = i;
    Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
    int totalPos = 0;
    for (boolean p : positive) if (p) totalPos++;
    if (totalPos == 0) return 0;
    double ap = 0, prevRecall = 0;
    int tp = 0, seen = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && scores[idx[j]] == scores[idx[i]]) {
        if (positive[idx[j]]) tp++;
        j++;
      }
      seen = j;
      double recall = (double) tp / totalPos;
      double precision = (double) tp / seen;
      ap += (recall - prevRecall) * precision;
      prevRecall = recall;
      i = j;
    }
    return ap;
  }

  /** As an ordered map for JSON reports. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", n);
    m.put("positives", positives);
    m.put("threshold", threshold);
    m.put("precision", round(precision));
    m.put("recall", round(recall));
    m.put("f1", round(f1));
    m.put("fpr", round(fpr));
    m.put("auprc", round(auprc));
    return m;
  }

  static double round(double v) { return Math.round(v * 10000) / 10000.0; }
}
