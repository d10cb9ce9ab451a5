package dev.llamakit.engine.inference;

/** Receives the released text of a generation as it streams ({@link TextEngine#generate}). */
@FunctionalInterface
public interface TextListener {
  /**
   * Called with each newly released piece of text (never empty), in order.
   *
   * @return false to stop generating (e.g. the client went away)
   */
  boolean onText(String piece);

  /** A listener that ignores the text. */
  static TextListener none() {
    return piece -> true;
  }
}
