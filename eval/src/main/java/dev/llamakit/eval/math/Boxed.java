package dev.llamakit.eval.math;

/**
 * The boxed answer of a MATH solution, as lm-eval's {@code last_boxed_only_string} and {@code remove_boxed} (from
 * Hendrycks et al.'s MATH code) find it.
 */
public final class Boxed {
  private static final String SPACED = "\\boxed ";
  private static final String BRACED = "\\boxed{";

  private Boxed() {}

  /**
   * {@code last_boxed_only_string}: when the text holds {@code "\boxed "} anywhere, {@code "\boxed "} + the text after
   * its last occurrence up to the next {@code $}; else the last {@code \boxed} (or, without one, the last {@code \fbox})
   * through the brace that brings the count of open braces back to zero; null when there is none or it never closes.
   */
  public static String lastBoxedOnly(String s) {
    int idx = s.lastIndexOf("\\boxed");
    int spaced = s.lastIndexOf(SPACED);
    if (spaced >= 0) {
      String tail = s.substring(spaced + SPACED.length());
      int dollar = tail.indexOf('$');
      return SPACED + (dollar < 0 ? tail : tail.substring(0, dollar));
    }
    if (idx < 0) {
      idx = s.lastIndexOf("\\fbox");
      if (idx < 0) {
        return null;
      }
    }
    int open = 0;
    for (int i = idx; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '{') {
        open++;
      }
      if (c == '}') {
        open--;
        if (open == 0) {
          return s.substring(idx, i + 1);
        }
      }
    }
    return null;
  }

  /**
   * {@code remove_boxed}: the text after {@code "\boxed "}, or inside {@code \boxed{...}}; anything else (an
   * {@code \fbox}, which lm-eval's assertion rejects) is an error.
   */
  public static String remove(String s) {
    if (s.contains(SPACED)) {
      if (!s.startsWith(SPACED)) {
        throw new IllegalArgumentException("not a \\boxed answer: " + s);
      }
      return s.substring(SPACED.length());
    }
    if (!s.startsWith(BRACED) || !s.endsWith("}")) {
      throw new IllegalArgumentException("not a \\boxed{...} answer: " + s);
    }
    return s.substring(BRACED.length(), s.length() - 1);
  }
}
