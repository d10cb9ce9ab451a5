package dev.llamakit.safety;

/**
 * What a shield decided. {@link #ERROR} means the shield could not decide (it threw, its model failed, its output
 * could not be parsed); every caller in this module treats ERROR like {@link #BLOCK}: shields fail closed.
 */
public enum Decision {
  /** Nothing found. */
  ALLOW,
  /** Something found that allows continuation but deserves attention (e.g. a warning-severity code issue). */
  WARN,
  /** A violation that must stop the message. */
  BLOCK,
  /** The shield failed; treated as BLOCK. */
  ERROR;

  /** True for BLOCK and ERROR: the message must not pass. */
  public boolean blocks() { return this == BLOCK || this == ERROR; }

  /** The stricter of two decisions (ERROR > BLOCK > WARN > ALLOW). */
  public Decision max(Decision other) { return other.ordinal() > ordinal() ? other : this; }
}
