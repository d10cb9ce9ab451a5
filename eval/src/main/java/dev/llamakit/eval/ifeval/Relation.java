package dev.llamakit.eval.ifeval;

/** IFEval's comparison relations ({@code _COMPARISON_RELATION}): {@code "less than"} and {@code "at least"}. */
public enum Relation {
  LESS_THAN("less than"),
  AT_LEAST("at least");

  private final String text;

  Relation(String text) {
    this.text = text;
  }

  /** The relation named {@code text}, or null. */
  static Relation of(String text) {
    for (Relation r : values()) {
      if (r.text.equals(text)) {
        return r;
      }
    }
    return null;
  }

  /** {@code count < threshold} or {@code count >= threshold}. */
  public boolean holds(long count, long threshold) {
    return this == LESS_THAN ? count < threshold : count >= threshold;
  }

  @Override
  public String toString() {
    return text;
  }
}
