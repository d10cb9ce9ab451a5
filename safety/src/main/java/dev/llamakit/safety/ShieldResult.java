package dev.llamakit.safety;

import dev.llamakit.safety.policy.Category;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one shield on one conversation: decision, score in [0, 1] (higher = more unsafe), the violated
 * categories (code + name), per-category scores where the shield has them, the shield id, the latency and a short
 * human-readable detail (the error message when {@code decision == ERROR}).
 */
public record ShieldResult(String shieldId, Decision decision, double score, List<Category> categories,
                           Map<String, Double> categoryScores, Duration latency, String detail) {
  public ShieldResult {
    categories = List.copyOf(categories);
    categoryScores = Map.copyOf(categoryScores);
    if (latency == null) latency = Duration.ZERO;
    if (detail == null) detail = "";
  }

  /** An ERROR result: the shield failed and the message must be blocked. */
  public static ShieldResult error(String shieldId, String why, Duration latency) {
    return new ShieldResult(shieldId, Decision.ERROR, 1.0, List.of(), Map.of(), latency, why);
  }

  /** This result with the latency replaced. */
  public ShieldResult withLatency(Duration d) {
    return new ShieldResult(shieldId, decision, score, categories, categoryScores, d, detail);
  }

  /** Codes and names, e.g. {@code "S1 Violent Crimes, S10 Hate"}. */
  public String categoryList() {
    return String.join(", ", categories.stream().map(c -> c.code() + " " + c.name()).toList());
  }
}
