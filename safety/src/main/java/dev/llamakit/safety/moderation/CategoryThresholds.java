package dev.llamakit.safety.moderation;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.policy.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A shield whose decision on some categories is set by per-category thresholds (from a moderation config file): a
 * category with a threshold blocks when the inner shield's score for it (by code, e.g. {@code S9}) reaches the
 * threshold, and never blocks below it; categories without a threshold keep the inner shield's own decision. ERROR
 * stays ERROR (fail closed).
 *
 * <pre>{@code
 * Shield s = new CategoryThresholds(ModerationShield.standard(), Map.of("S9", 0.2, "S12", 0.9));
 * }</pre>
 */
public final class CategoryThresholds implements Shield {
  private final Shield inner;
  private final Map<String, Double> thresholds;

  /** {@code inner} with these thresholds by category code. */
  public CategoryThresholds(Shield inner, Map<String, Double> thresholds) {
    for (var e : thresholds.entrySet()) {
      if (!(e.getValue() >= 0 && e.getValue() <= 1)) {
        throw new IllegalArgumentException("threshold of " + e.getKey() + " is " + e.getValue() + ": must be in [0, 1]");
      }
    }
    this.inner = inner;
    this.thresholds = Map.copyOf(thresholds);
  }

  @Override
  public String id() {
    return inner.id();
  }

  @Override
  public ShieldResult evaluate(List<Message> messages) {
    ShieldResult r = inner.check(messages);
    if (r.decision() == Decision.ERROR) {
      return r;
    }
    List<Category> over = new ArrayList<>();
    for (var e : thresholds.entrySet()) {
      Double score = r.categoryScores().get(e.getKey());
      if (score != null && score >= e.getValue()) {
        over.add(category(r, e.getKey()));
      }
    }
    boolean ownBlock = r.decision() == Decision.BLOCK
        && (r.categories().isEmpty() || r.categories().stream().anyMatch(c -> !thresholds.containsKey(c.code())));
    if (!over.isEmpty() || ownBlock) {
      List<Category> named = new ArrayList<>(over);
      for (Category c : r.categories()) {
        if (!thresholds.containsKey(c.code()) && !named.contains(c)) {
          named.add(c);
        }
      }
      return new ShieldResult(r.shieldId(), Decision.BLOCK, r.score(), named, r.categoryScores(), r.latency(),
          r.detail());
    }
    Decision d = r.decision() == Decision.BLOCK ? Decision.WARN : r.decision();
    return new ShieldResult(r.shieldId(), d, r.score(), r.categories(), r.categoryScores(), r.latency(), r.detail());
  }

  private static Category category(ShieldResult r, String code) {
    for (Category c : r.categories()) {
      if (c.code().equals(code)) {
        return c;
      }
    }
    return ModerationClassifier.taxonomy().byCode(code).orElse(Category.unknown(code));
  }
}
