package dev.llamakit.eval.extract;

/**
 * Python's {@code str.strip()} and {@code str.isdigit()} on Java strings: the whitespace Python strips (every code
 * point with {@code str.isspace()}, which includes the no-break spaces U+00A0, U+2007 and U+202F that
 * {@link String#strip()} keeps) and the digits Python accepts.
 */
public final class PyStrings {
  private PyStrings() {}

  /** True for the code points Python's {@code str.isspace()} accepts. */
  public static boolean isSpace(int c) {
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 || c == 0xa0 || c == 0x1680
        || (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
  }

  /** Python's {@code s.strip()}. */
  public static String strip(String s) {
    int a = 0;
    int b = s.length();
    while (a < b && isSpace(s.charAt(a))) {
      a++;
    }
    while (b > a && isSpace(s.charAt(b - 1))) {
      b--;
    }
    return s.substring(a, b);
  }

  /**
   * Python's {@code s.isdigit()}: not empty and every code point a decimal digit or a digit-valued number sign
   * (superscript and circled digits; Unicode's Numeric_Type=Digit, read here as {@code OTHER_NUMBER} with a value
   * 0..9).
   */
  public static boolean isDigit(String s) {
    if (s.isEmpty()) {
      return false;
    }
    return s.codePoints().allMatch(c -> Character.isDigit(c)
        || (Character.getType(c) == Character.OTHER_NUMBER && Character.getNumericValue(c) >= 0
            && Character.getNumericValue(c) <= 9));
  }
}
