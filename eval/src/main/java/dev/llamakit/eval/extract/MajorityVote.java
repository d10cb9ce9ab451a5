package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * lm-eval's {@code majority_vote}: the most frequent response; a tie goes to the answer seen first (Python's
 * {@code Counter.most_common}, which keeps insertion order among equal counts).
 */
public final class MajorityVote implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    if (responses.isEmpty()) {
      return responses;
    }
    return List.of(vote(responses));
  }

  /** The winning response. */
  public static String vote(List<String> responses) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String r : responses) {
      counts.merge(r, 1, Integer::sum);
    }
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
