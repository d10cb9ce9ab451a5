package dev.llamakit.engine.tokenizer;

/**
 * The GGUF {@code tokenizer.ggml.token_type} codes, as llama.cpp maps them to token attributes.
 *
 * <p>Control (3) and unknown (2) tokens are matched in text only when special tokens are parsed and render as nothing
 * unless special tokens are unparsed; user-defined (4) tokens are always matched before the text is tokenized.
 */
public final class TokenType {
  public static final int UNDEFINED = 0;
  public static final int NORMAL = 1;
  public static final int UNKNOWN = 2;
  public static final int CONTROL = 3;
  public static final int USER_DEFINED = 4;
  public static final int UNUSED = 5;
  public static final int BYTE = 6;

  private TokenType() {}

  /** True for the types llama.cpp keeps in its special-token cache (control, user-defined, unknown). */
  public static boolean isSpecial(int type) {
    return type == CONTROL || type == USER_DEFINED || type == UNKNOWN;
  }

  /** True for the types that are skipped when special tokens are not parsed or not rendered (control, unknown). */
  public static boolean isControlLike(int type) {
    return type == CONTROL || type == UNKNOWN;
  }
}
