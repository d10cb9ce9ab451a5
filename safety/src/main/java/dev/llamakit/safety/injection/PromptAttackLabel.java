package dev.llamakit.safety.injection;

/** Prompt Guard 1's three labels. */
public enum PromptAttackLabel {
  /** Ordinary content. */
  BENIGN,
  /** Out-of-place instructions aimed at the model, typically inside third-party content. */
  INJECTION,
  /** An explicit attempt to override the model's system prompt or conditioning. */
  JAILBREAK;

  /** The fastText label name ({@code benign}, {@code injection}, {@code jailbreak}). */
  public String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
