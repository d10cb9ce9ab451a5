package dev.llamakit.eval.math;

import java.util.ArrayList;
import java.util.List;

/**
 * lm-eval's {@code hendrycks_math} answer equality ({@code is_equiv} over {@code strip_string}, from Hendrycks et al.'s
 * MATH code): both answers are put in a canonical LaTeX spelling and compared as strings; when normalising either one
 * fails where the Python code raises (a units split that is not in two, a {@code \sqrt} or {@code \frac} with nothing
 * after it, an {@code a/b} whose parts are not integers), the raw strings are compared instead.
 */
public final class HendrycksEquivalence {
  /** Where lm-eval's Python raises inside {@code strip_string}. */
  private static final class Raised extends Exception {
    Raised() {
      super(null, null, false, false);
    }
  }

  private HendrycksEquivalence() {}

  /** {@code is_equiv(a, b)}. */
  public static boolean equivalent(String a, String b) {
    try {
      return strip(a).equals(strip(b));
    } catch (Raised e) {
      return a.equals(b);
    }
  }

  /** {@code strip_string}, step by step; throws where the Python raises. */
  static String strip(String s) throws Raised {
    s = s.replace("\n", "").replace("\\!", "").replace("\\\\", "\\");
    s = s.replace("tfrac", "frac").replace("dfrac", "frac");
    s = s.replace("\\left", "").replace("\\right", "");
    s = s.replace("^{\\circ}", "").replace("^\\circ", "");
    s = s.replace("\\$", "");
    s = removeRightUnits(s);
    s = s.replace("\\%", "");
    s = s.replace(" .", " 0.").replace("{.", "{0.");
    if (s.isEmpty()) {
      return s;
    }
    if (s.charAt(0) == '.') {
      s = "0" + s;
    }
    List<String> eq = split(s, "=");
    if (eq.size() == 2 && eq.get(0).codePointCount(0, eq.get(0).length()) <= 2) {
      s = eq.get(1);
    }
    s = fixSqrt(s);
    s = s.replace(" ", "");
    s = fixFracs(s);
    if (s.equals("0.5")) {
      s = "\\frac{1}{2}";
    }
    return fixSlash(s);
  }

  /** Python's {@code s.split(sep)}: every part, empty ones included. */
  static List<String> split(String s, String sep) {
    List<String> out = new ArrayList<>();
    int at = 0;
    for (int i; (i = s.indexOf(sep, at)) >= 0; at = i + sep.length()) {
      out.add(s.substring(at, i));
    }
    out.add(s.substring(at));
    return out;
  }

  private static String removeRightUnits(String s) throws Raised {
    if (!s.contains("\\text{ ")) {
      return s;
    }
    List<String> parts = split(s, "\\text{ ");
    if (parts.size() != 2) {
      throw new Raised(); // assert len(splits) == 2
    }
    return parts.get(0);
  }

  private static String fixSqrt(String s) throws Raised {
    if (!s.contains("\\sqrt")) {
      return s;
    }
    List<String> parts = split(s, "\\sqrt");
    StringBuilder sb = new StringBuilder(parts.get(0));
    for (String p : parts.subList(1, parts.size())) {
      if (p.isEmpty()) {
        throw new Raised(); // split[0] of an empty string: IndexError
      }
      int first = p.offsetByCodePoints(0, 1);
      if (p.charAt(0) != '{') {
        sb.append("\\sqrt{").append(p, 0, first).append('}').append(p.substring(first));
      } else {
        sb.append("\\sqrt").append(p);
      }
    }
    return sb.toString();
  }

  private static String fixFracs(String s) throws Raised {
    List<String> parts = split(s, "\\frac");
    StringBuilder sb = new StringBuilder(parts.get(0));
    for (String p : parts.subList(1, parts.size())) {
      sb.append("\\frac");
      if (p.isEmpty()) {
        throw new Raised(); // substr[0]: IndexError
      }
      if (p.charAt(0) == '{') {
        sb.append(p);
        continue;
      }
      if (p.codePointCount(0, p.length()) < 2) {
        return s; // assert len(substr) >= 2 fails: the string as it came in
      }
      int i1 = p.offsetByCodePoints(0, 1);
      int i2 = p.offsetByCodePoints(i1, 1);
      String a = p.substring(0, i1);
      String b = p.substring(i1, i2);
      String rest = p.substring(i2);
      if (!b.equals("{")) {
        sb.append('{').append(a).append("}{").append(b).append('}').append(rest);
      } else {
        sb.append('{').append(a).append('}').append(b).append(rest);
      }
    }
    return sb.toString();
  }

  private static String fixSlash(String s) throws Raised {
    List<String> parts = split(s, "/");
    if (parts.size() != 2) {
      return s;
    }
    Long a = pyInt(parts.get(0));
    Long b = pyInt(parts.get(1));
    if (a == null || b == null) {
      throw new Raised(); // int(a): ValueError, not caught by fix_a_slash_b
    }
    if (!s.equals(a + "/" + b)) {
      return s; // assert string == "{}/{}".format(a, b) fails
    }
    return "\\frac{" + a + "}{" + b + "}";
  }

  /** Python's {@code int(text)}: surrounding whitespace, a sign, decimal digits with single underscores between. */
  static Long pyInt(String text) {
    String t = dev.llamakit.eval.extract.PyStrings.strip(text);
    int i = 0;
    boolean negative = false;
    if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
      negative = t.charAt(0) == '-';
      i = 1;
    }
    if (i >= t.length()) {
      return null;
    }
    java.math.BigInteger v = java.math.BigInteger.ZERO;
    boolean lastDigit = false;
    while (i < t.length()) {
      int c = t.codePointAt(i);
      if (c == '_') {
        if (!lastDigit) {
          return null;
        }
        lastDigit = false;
      } else if (Character.isDigit(c)) {
        v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(Character.digit(c, 10)));
        lastDigit = true;
      } else {
        return null;
      }
      i += Character.charCount(c);
    }
    if (!lastDigit || v.bitLength() > 62) {
      return null; // a trailing underscore is an error; absurdly long integers are not answers
    }
    return negative ? -v.longValue() : v.longValue();
  }
}
