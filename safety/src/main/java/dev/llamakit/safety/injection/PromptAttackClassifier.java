package dev.llamakit.safety.injection;

import dev.llamakit.safety.fasttext.FastTextModel;
import dev.llamakit.safety.fasttext.TextFeatures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded prompt-attack detector (shipped as {@code injection/prompt-attack.ftz}): P(BENIGN), P(INJECTION),
 * P(JAILBREAK) of a text, long texts scored in 128-token windows with the attack probabilities taken as the max
 * over windows (as Prompt Guard's reference code does over 512-token segments). Thread-safe.
 */
public final class PromptAttackClassifier {
  /** Resource path of the shipped model. */
  public static final String MODEL_RESOURCE = "prompt-attack.ftz";

  private static volatile PromptAttackClassifier shipped;
  private final FastTextModel model;

  /** A detector over the model at {@code ftz}. */
  public PromptAttackClassifier(Path ftz) { this(new FastTextModel(ftz)); }

  private PromptAttackClassifier(FastTextModel model) {
    if (!model.labels().equals(List.of("benign", "injection", "jailbreak"))) {
      throw new IllegalArgumentException("model " + model.file() + " has labels " + model.labels()
          + ", expected [benign, injection, jailbreak]");
    }
    this.model = model;
  }

  /** The shipped model, loaded once per JVM. */
  public static PromptAttackClassifier shipped() {
    PromptAttackClassifier m = shipped;
    if (m == null) {
      synchronized (PromptAttackClassifier.class) {
        if (shipped == null) shipped = new PromptAttackClassifier(FastTextModel.fromResource(PromptAttackClassifier.class, MODEL_RESOURCE));
        m = shipped;
      }
    }
    return m;
  }

  /** Label probabilities; injection and jailbreak are maxima over windows (0 when no window has a known word). */
  public record Scores(double benign, double injection, double jailbreak) {
    /** Prompt Guard's jailbreak score (for user dialogue): P(JAILBREAK). */
    public double jailbreakScore() { return jailbreak; }

    /** Prompt Guard's indirect-injection score (for third-party content): P(INJECTION) + P(JAILBREAK). */
    public double injectionScore() { return Math.min(1.0, injection + jailbreak); }

    /** The most probable label. */
    public PromptAttackLabel label() {
      if (benign >= injection && benign >= jailbreak) return PromptAttackLabel.BENIGN;
      return jailbreak >= injection ? PromptAttackLabel.JAILBREAK : PromptAttackLabel.INJECTION;
    }
  }

  /** Scores a raw text. */
  public Scores score(String text) {
    double inj = 0, jb = 0, worstSum = -1, benignAtWorst = 1;
    for (String w : TextFeatures.windows(TextFeatures.normalize(text), 128, 32)) {
      Map<String, Double> p = model.probabilities(w);
      if (p.isEmpty()) continue;  // no known word: no evidence
      double i = p.get("injection"), j = p.get("jailbreak");
      inj = Math.max(inj, i);
      jb = Math.max(jb, j);
      if (i + j > worstSum) {
        worstSum = i + j;
        benignAtWorst = p.get("benign");
      }
    }
    return new Scores(benignAtWorst, inj, jb);
  }
}
