package dev.llamakit.safety.classifier;

import dev.llamakit.safety.Decision;
import dev.llamakit.safety.Message;
import dev.llamakit.safety.Shield;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.policy.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The default shield: the embedded {@link ModerationClassifier} on the LAST message of the conversation (the one
 * being judged). unsafe &ge; blockThreshold is BLOCK, &ge; warnThreshold WARN; named categories are those with
 * P &ge; categoryThreshold (at least the top one). When every named category is in {@code warnOnly} (by default
 * {@code offensive}, which Llama Guard does not cover), BLOCK is lowered to WARN. A non-blank text with no word in
 * the model's vocabulary (another script, gibberish) cannot be judged: WARN with score 0 and a detail saying so.
 */
public final class ModerationShield implements Shield {
  /** Thresholds and the categories that only warn. */
  public record Config(double blockThreshold, double warnThreshold, double categoryThreshold, Set<String> warnOnly) {
    /** Block at 0.5, warn at 0.3, name categories at 0.15, offensive language only warns. */
    public static Config defaults() { return new Config(0.5, 0.3, 0.15, Set.of("offensive")); }
  }

  private final ModerationClassifier classifier;
  private final Config config;

  /** A shield over {@code classifier}. */
  public ModerationShield(ModerationClassifier classifier, Config config) {
    this.classifier = classifier;
    this.config = config;
  }

  /** The shipped classifier with default thresholds. */
  public static ModerationShield standard() { return new ModerationShield(ModerationClassifier.shipped(), Config.defaults()); }

  @Override
  public String id() { return "embedded-moderation"; }

  @Override
  public ShieldResult evaluate(List<Message> messages) {
    ModerationClassifier.Scores s = classifier.score(messages.getLast().content());
    Map<String, Double> byCode = new LinkedHashMap<>();
    for (var e : s.byCategory().entrySet()) byCode.put(classifier.category(e.getKey()).code(), e.getValue());
    if (!s.known()) {
      // Nothing the model knows: no evidence. Blank text passes; anything else is surfaced as WARN (not judged).
      Decision d = messages.getLast().content().isBlank() ? Decision.ALLOW : Decision.WARN;
      return new ShieldResult(id(), d, 0.0, List.of(), Map.of(), null, "no word known to the classifier: not judged");
    }
    if (s.unsafe() < config.warnThreshold()) {
      return new ShieldResult(id(), Decision.ALLOW, s.unsafe(), List.of(), byCode, null, "");
    }
    List<Category> named = new ArrayList<>();
    s.byCategory().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
        .filter(e -> e.getValue() >= config.categoryThreshold())
        .forEach(e -> named.add(classifier.category(e.getKey())));
    if (named.isEmpty() && s.top() != null) named.add(classifier.category(s.top()));
    Decision d = s.unsafe() >= config.blockThreshold() ? Decision.BLOCK : Decision.WARN;
    if (d == Decision.BLOCK && !named.isEmpty() && named.stream().allMatch(c -> config.warnOnly().contains(c.id()))) {
      d = Decision.WARN;
    }
    return new ShieldResult(id(), d, s.unsafe(), named, byCode, null, "");
  }
}
