package dev.llamakit.eval.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * lm-eval's HellaSwag text clean-up ({@code tasks/hellaswag/utils.py}, {@code preprocess}), applied to the query and
 * to every ending: strip surrounding whitespace, replace {@code " [title]"} by {@code ". "} (WikiHow section titles),
 * delete every bracketed span {@code [...]} (shortest match, not across lines), then replace each non-overlapping
 * double space by one space (one left-to-right pass, as Python's {@code str.replace}).
 */
public final class HellaswagText {
  private static final Pattern BRACKETED = Pattern.compile("\\[.*?]");

  private HellaswagText() {}

  /** {@code text} cleaned as lm-eval's {@code preprocess}. */
  public static String preprocess(String text) {
    String t = text.strip();
    t = t.replace(" [title]", ". ");
    t = BRACKETED.matcher(t).replaceAll("");
    return t.replace("  ", " ");
  }

  /** Python's {@code str.capitalize()}: the first character in title case, the rest in lower case. */
  public static String capitalize(String s) {
    if (s.isEmpty()) {
      return s;
    }
    int first = s.codePointAt(0);
    int n = Character.charCount(first);
    return new StringBuilder().appendCodePoint(Character.toTitleCase(first))
        .append(s.substring(n).toLowerCase(Locale.ROOT)).toString();
  }
}
