package dev.llamakit.pipelines.code;

import dev.llamakit.engine.io.Utf8;

/**
 * Tells text files from binary ones, as git does: a NUL byte in the first {@value #SNIFF} bytes makes a file
 * binary; so do bytes that are not UTF-8 (a source corpus is UTF-8 text). A UTF-8 byte order mark is dropped.
 */
public final class SourceBytes {
  /** How many leading bytes are searched for a NUL (git's {@code buffer_is_binary} looks at 8000). */
  public static final int SNIFF = 8000;

  private SourceBytes() {}

  /** The text of {@code b[0..n)}, or null when it is binary (see {@link #whyBinary}). */
  public static String text(byte[] b, int n) {
    if (nulAt(b, n) >= 0) {
      return null;
    }
    int start = n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    return Utf8.decodeOrNull(b, start, n - start);
  }

  /** Why {@code b[0..n)} is binary, for a drop's detail; null when it is text. */
  public static String whyBinary(byte[] b, int n) {
    int nul = nulAt(b, n);
    if (nul >= 0) {
      return "NUL byte at offset " + nul;
    }
    if (Utf8.decodeOrNull(b, 0, n) == null) {
      return "not UTF-8 at byte " + Utf8.firstMalformed(b, 0, n);
    }
    return null;
  }

  private static int nulAt(byte[] b, int n) {
    for (int i = 0, end = Math.min(n, SNIFF); i < end; i++) {
      if (b[i] == 0) {
        return i;
      }
    }
    return -1;
  }
}
