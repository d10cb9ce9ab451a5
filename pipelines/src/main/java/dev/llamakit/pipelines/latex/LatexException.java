package dev.llamakit.pipelines.latex;

/** A LaTeX source the cleaner refuses: unbalanced braces, or macros that do not stop expanding. */
public final class LatexException extends Exception {
  /** What went wrong, for the drop reason. */
  public enum Kind { UNBALANCED_BRACES, MACRO_LOOP }

  private final Kind kind;

  public LatexException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
