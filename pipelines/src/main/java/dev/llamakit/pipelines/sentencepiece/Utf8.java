package dev.llamakit.pipelines.sentencepiece;

/** UTF-8 helpers shared by the normaliser and the encoders. */
final class Utf8 {
  private Utf8() {}

  /**
   * The byte length of the character starting with {@code lead}, from the lead byte alone (SentencePiece's
   * {@code OneCharLen}: 1 for ASCII and stray continuation bytes, 2, 3 or 4 otherwise).
   */
  static int charLength(byte lead) {
    int b = lead & 0xFF;
    if (b < 0xC0) {
      return 1;
    }
    return b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
  }

  /** The length of the character at {@code s[from]}, clipped to {@code end}. */
  static int charLength(byte[] s, int from, int end) {
    return Math.min(charLength(s[from]), end - from);
  }
}
