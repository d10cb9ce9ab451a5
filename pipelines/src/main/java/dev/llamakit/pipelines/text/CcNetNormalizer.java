package dev.llamakit.pipelines.text;

import java.util.Locale;

/**
 * cc_net's {@code normalize_for_dedup}: the line form whose hash decides line-level duplicates.
 *
 * <p>Steps, exactly as cc_net: Python {@code strip()} → {@code lower()} → every Unicode decimal digit (category Nd,
 * re's {@code \d}) becomes {@code "0"} → the 34 unicode punctuation characters of cc_net's {@code UNICODE_PUNCT} and all
 * C0/C1 control characters (U+0000–U+001F, U+007F–U+009F) are deleted. ASCII punctuation and accents are kept.
 */
public final class CcNetNormalizer {
  /** cc_net's {@code UNICODE_PUNCT} keys, the characters deleted by {@code normalize_for_dedup}. */
  static final String UNICODE_PUNCT = "，。、„”“«»１」「《》´∶：？！（）；–—．～’…━〈〉【】％►";

  private static final boolean[] DROP_BMP = new boolean[0x10000];

  static {
    for (int c = 0; c < 0x20; c++) {
      DROP_BMP[c] = true;
    }
    for (int c = 0x7F; c < 0xA0; c++) {
      DROP_BMP[c] = true;
    }
    for (char c : UNICODE_PUNCT.toCharArray()) {
      DROP_BMP[c] = true;
    }
  }

  private CcNetNormalizer() {}

  /** The normalised form of one line (without its line break). */
  public static String normalizeForDedup(String line) {
    String s = PyText.strip(line);
    if (s.isEmpty()) {
      return s;
    }
    if (isPlainLowerAscii(s)) {
      return s;
    }
    s = s.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
        out.append('0');
      } else if (cp >= 0x10000 || !DROP_BMP[cp]) {
        out.appendCodePoint(cp);
      }
    }
    return out.toString();
  }

  /**
   * The normalised form of an ASCII line as bytes, written to {@code out} (at least {@code stripped.length()} long):
   * the length, or -1 when the line has a non-ASCII character (then use {@link #normalizeForDedup}). For ASCII, cc_net's
   * steps are: upper-case letters lowered, digits to {@code 0}, C0 controls and DEL deleted.
   *
   * @param stripped a line already stripped ({@link PyText#strip})
   */
  static int normalizeAsciiInto(String stripped, byte[] out) {
    int n = 0;
    for (int i = 0; i < stripped.length(); i++) {
      char c = stripped.charAt(i);
      if (c >= 0x80) {
        return -1;
      }
      if (c >= 'A' && c <= 'Z') {
        out[n++] = (byte) (c + ('a' - 'A'));
      } else if (c >= '0' && c <= '9') {
        out[n++] = '0';
      } else if (c >= 0x20 && c != 0x7F) {
        out[n++] = (byte) c;
      }
    }
    return n;
  }

  /** True when the string needs no change: printable ASCII with no upper-case letter and no digit. */
  private static boolean isPlainLowerAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c >= 0x7F || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }
}
