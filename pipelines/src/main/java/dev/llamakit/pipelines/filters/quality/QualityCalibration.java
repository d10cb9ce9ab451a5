package dev.llamakit.pipelines.filters.quality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keep-top-fraction for a rule that sees one document at a time: score a sample of the corpus, take the score of
 * the document at rank {@code ceil(fraction * n)} as the threshold, and run the {@code quality_classifier} step with
 * that {@code threshold} ({@code llamakit pipeline calibrate-classifier} does this and prints the recipe line).
 * The kept fraction of the full corpus matches {@code fraction} only as far as the sample is like the corpus
 * (same languages — score the languages the step will score — and same earlier steps).
 *
 * <pre>{@code
 * QualityCalibration c = QualityCalibration.of(QualityModel.load("default", "wiki"), sampleTexts, 0.3);
 * rules.create("quality_classifier", Map.of("threshold", c.threshold()));
 * }</pre>
 *
 * @param threshold the score of the last document kept
 * @param keptFraction the fraction of the sample whose score is at least {@code threshold} (ties can make it larger)
 */
public record QualityCalibration(double fraction, int n, double threshold, double keptFraction) {

  /** Scores {@code texts} with {@code m} and finds the threshold keeping the top {@code fraction}. */
  public static QualityCalibration of(QualityModel m, List<String> texts, double fraction) {
    double[] s = new double[texts.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = m.score(texts.get(i));
    }
    return of(s, fraction);
  }

  /** The threshold keeping the top {@code fraction} of {@code scores}. */
  public static QualityCalibration of(double[] scores, double fraction) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("keep-top fraction must be in (0, 1], not " + fraction);
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("no documents to calibrate on");
    }
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int keep = (int) Math.ceil(fraction * sorted.length);
    double t = sorted[sorted.length - keep];
    long kept = Arrays.stream(sorted).filter(v -> v >= t).count();
    return new QualityCalibration(fraction, sorted.length, t, (double) kept / sorted.length);
  }

  /** As a map for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fraction", fraction);
    m.put("n", n);
    m.put("threshold", threshold);
    m.put("keptFraction", keptFraction);
    return m;
  }
}
