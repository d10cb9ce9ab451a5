package dev.llamakit.safety.code;

/** A rule match: the rule, the language scanned as, and the 1-based line of the match start. */
public record Issue(Rule rule, String language, int line, String snippet) {
  /** Short form, e.g. {@code py-eval-exec (CWE-95, error) at line 3}. */
  @Override
  public String toString() {
    return rule.id() + " (" + rule.cwe() + ", " + rule.severity().name().toLowerCase(java.util.Locale.ROOT) + ") at line " + line;
  }
}
