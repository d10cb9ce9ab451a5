package dev.llamakit.pipelines.html;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How close an extraction is to a reference text: line-level precision and recall (a line counts when the reference
 * has the same stripped line) and bag-of-words token F1 (tokens split at whitespace, counted with multiplicity).
 */
public record ExtractionScore(double linePrecision, double lineRecall, double tokenPrecision, double tokenRecall,
    int lines, int referenceLines) {

  public double tokenF1() {
    return tokenPrecision + tokenRecall == 0 ? 0 : 2 * tokenPrecision * tokenRecall / (tokenPrecision + tokenRecall);
  }

  public static ExtractionScore of(String extracted, String reference) {
    List<String> ours = lines(extracted);
    List<String> ref = lines(reference);
    Set<String> refSet = new HashSet<>(ref);
    Set<String> ourSet = new HashSet<>(ours);
    long hitP = ours.stream().filter(refSet::contains).count();
    long hitR = ref.stream().filter(ourSet::contains).count();
    Map<String, Integer> a = tokens(extracted);
    Map<String, Integer> b = tokens(reference);
    long common = 0;
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      common += Math.min(e.getValue(), b.getOrDefault(e.getKey(), 0));
    }
    long na = a.values().stream().mapToLong(Integer::longValue).sum();
    long nb = b.values().stream().mapToLong(Integer::longValue).sum();
    return new ExtractionScore(ours.isEmpty() ? 0 : (double) hitP / ours.size(), ref.isEmpty() ? 0
        : (double) hitR / ref.size(), na == 0 ? 0 : (double) common / na, nb == 0 ? 0 : (double) common / nb,
        ours.size(), ref.size());
  }

  private static List<String> lines(String s) {
    List<String> out = new ArrayList<>();
    for (String l : s.split("\n")) {
      if (!l.isBlank()) {
        out.add(l.strip());
      }
    }
    return out;
  }

  private static Map<String, Integer> tokens(String s) {
    Map<String, Integer> m = new HashMap<>();
    for (String t : s.split("\\s+")) {
      if (!t.isEmpty()) {
        m.merge(t, 1, Integer::sum);
      }
    }
    return m;
  }

  @Override
  public String toString() {
    return String.format("lines P %.3f R %.3f (%d vs %d reference lines); tokens P %.3f R %.3f F1 %.3f",
        linePrecision, lineRecall, lines, referenceLines, tokenPrecision, tokenRecall, tokenF1());
  }
}
