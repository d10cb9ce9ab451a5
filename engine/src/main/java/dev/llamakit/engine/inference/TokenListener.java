package dev.llamakit.engine.inference;

/** Receives generated tokens as they are produced (streaming). */
@FunctionalInterface
public interface TokenListener {
  /**
   * Called once per generated token, in order.
   *
   * @return false to stop generating
   */
  boolean onToken(int tokenId, int index);

  /** A listener that ignores tokens. */
  static TokenListener none() {
    return (id, i) -> true;
  }
}
