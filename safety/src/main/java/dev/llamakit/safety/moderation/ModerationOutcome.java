package dev.llamakit.safety.moderation;

import dev.llamakit.safety.ShieldResult;
import java.util.List;

/**
 * What {@link ModerationFilter#respond} produced: the answer, or a refusal naming the categories, where it was
 * stopped, and every shield result (for logs and audits).
 *
 * @param text the answer when {@code allowed}, else the refusal
 * @param generatedChars characters the model had produced when it stopped (cancellation saves the rest)
 */
public record ModerationOutcome(boolean allowed, String text, Stage stage, List<ShieldResult> results, int generatedChars) {
  /** Where the conversation was stopped, if it was. */
  public enum Stage { NONE, INPUT, OUTPUT, GENERATION_ERROR }

  public ModerationOutcome {
    results = List.copyOf(results);
  }
}
