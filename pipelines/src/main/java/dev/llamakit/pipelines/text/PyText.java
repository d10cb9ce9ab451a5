package dev.llamakit.pipelines.text;

/**
 * Python's string semantics where cc_net relies on them: {@code str.strip()} and {@code len()}.
 *
 * <p>Java's {@link String#strip()} uses {@link Character#isWhitespace}, which differs from Python's
 * {@code str.isspace()} (Python strips U+00A0, U+2007, U+202F and U+0085; Java does not). Matching cc_net exactly
 * needs Python's set.
 */
public final class PyText {
  private PyText() {}

  /** True for the code points for which Python 3's {@code str.isspace()} is true. */
  public static boolean isSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0D) || (cp >= 0x1C && cp <= 0x20) || cp == 0x85 || cp == 0xA0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F
        || cp == 0x3000;
  }

  /** Python's {@code s.strip()}: removes leading and trailing {@link #isSpace} characters. */
  public static String strip(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return start == 0 && end == s.length() ? s : s.substring(start, end);
  }

  /** Python's {@code len(s)}: the number of code points, not UTF-16 units. */
  public static int len(String s) {
    return s.codePointCount(0, s.length());
  }
}
