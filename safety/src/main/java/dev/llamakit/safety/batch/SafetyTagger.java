package dev.llamakit.safety.batch;

import dev.llamakit.safety.classifier.ModerationClassifier;
import dev.llamakit.safety.fasttext.TextFeatures;
import dev.llamakit.safety.injection.PromptAttackClassifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plain-Java batch API for pipelines: scores a document's text with the embedded moderation classifier (and the
 * prompt-attack detector) and returns per-category scores plus the max. Long documents are scored in overlapping
 * windows (max over windows). Thread-safe; the models are loaded once per JVM and each thread uses its own native
 * instance, so one tagger can be shared by all the workers of a Beam DoFn.
 *
 * <pre>{@code
 * SafetyTagger tagger = SafetyTagger.shared();
 * SafetyTagger.Tags t = tagger.tag(document.text());
 * if (t.maxUnsafe() >= 0.5) drop(document, "safety:" + t.topCategory());
 * }</pre>
 */
public final class SafetyTagger {
  private static volatile SafetyTagger shared;

  private final ModerationClassifier moderation;
  private final PromptAttackClassifier attacks;

  /** A tagger over the given classifiers ({@code attacks} may be null to skip that score). */
  public SafetyTagger(ModerationClassifier moderation, PromptAttackClassifier attacks) {
    this.moderation = moderation;
    this.attacks = attacks;
  }

  /** The JVM-wide tagger over the shipped models. */
  public static SafetyTagger shared() {
    SafetyTagger t = shared;
    if (t == null) {
      synchronized (SafetyTagger.class) {
        if (shared == null) shared = new SafetyTagger(ModerationClassifier.shipped(), PromptAttackClassifier.shipped());
        t = shared;
      }
    }
    return t;
  }

  /**
   * Scores of one document.
   *
   * @param maxUnsafe the highest unsafe score over windows (1 - P(safe))
   * @param categories category code (e.g. {@code S10}) to its max probability over windows
   * @param topCategory code of the highest category, or null for an empty text
   * @param promptAttack P(INJECTION) + P(JAILBREAK), max over windows (NaN when not computed)
   * @param tokens normalized tokens in the document
   * @param known false when no word of the document is in the moderation model's vocabulary (scores are then 0)
   */
  public record Tags(double maxUnsafe, Map<String, Double> categories, String topCategory, double promptAttack, int tokens,
                     boolean known) {}

  /** Tags a document's text. */
  public Tags tag(String text) {
    if (text == null || text.isBlank()) return new Tags(0, Map.of(), null, 0, 0, false);
    ModerationClassifier.Scores s = moderation.score(text);
    Map<String, Double> byCode = new LinkedHashMap<>();
    for (var e : s.byCategory().entrySet()) byCode.put(moderation.category(e.getKey()).code(), e.getValue());
    String top = s.top() == null || !s.known() ? null : moderation.category(s.top()).code();
    double pa = attacks == null ? Double.NaN : attacks.score(text).injectionScore();
    int tokens = TextFeatures.normalize(text).split(" ").length;
    return new Tags(s.unsafe(), byCode, top, pa, tokens, s.known());
  }
}
