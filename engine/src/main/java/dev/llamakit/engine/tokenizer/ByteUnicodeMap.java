package dev.llamakit.engine.tokenizer;

import java.util.Arrays;

/**
 * GPT-2's reversible byte-to-unicode table: printable Latin-1 bytes map to themselves, the other 68 bytes to
 * {@code U+0100…U+0143} in byte order. BPE vocabularies store their pieces in this form ({@code Ġ} = space).
 */
final class ByteUnicodeMap {
  private static final char[] BYTE_TO_CHAR = new char[256];
  private static final int[] CHAR_TO_BYTE = new int[0x144];

  static {
    Arrays.fill(CHAR_TO_BYTE, -1);
    int extra = 0;
    for (int b = 0; b < 256; b++) {
      boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
      char c = printable ? (char) b : (char) (256 + extra++);
      BYTE_TO_CHAR[b] = c;
      CHAR_TO_BYTE[c] = b;
    }
  }

  private ByteUnicodeMap() {}

  static char toChar(byte b) {
    return BYTE_TO_CHAR[b & 0xFF];
  }

  /** The byte a mapped character stands for, or -1 if {@code c} is not in the table. */
  static int toByte(int c) {
    return c >= 0 && c < CHAR_TO_BYTE.length ? CHAR_TO_BYTE[c] : -1;
  }

  /** Maps UTF-8 bytes to their table characters. */
  static String encode(byte[] bytes) {
    char[] cs = new char[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      cs[i] = BYTE_TO_CHAR[bytes[i] & 0xFF];
    }
    return new String(cs);
  }
}
