package dev.llamakit.eval.ifeval.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python {@code str} semantics the IFEval checkers rely on: whitespace ({@code str.isspace}, used by {@code strip()},
 * {@code split()} and the regex {@code \s}), {@code isupper}/{@code islower}, {@code lower()}, and the regex
 * {@code \w+} word count ({@code nltk.RegexpTokenizer(r"\w+")}).
 */
public final class PyText {
  /** Python's whitespace as a regex class (its {@code \s} on str patterns; Java's Unicode class lacks 0x1C-0x1F). */
  public static final String SPACE =
      "[\\t\\n\\x0B\\f\\r\\x1C-\\x20\\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000]";

  /** Python's {@code \w} on str: letters, numbers (any {@code N*} category) and '_'. */
  private static final Pattern WORDS = Pattern.compile("[\\p{L}\\p{N}_]+");

  private PyText() {}

  /** Python's {@code str.isspace()} for one code point. */
  public static boolean isSpace(int c) {
    return c >= 0x09 && c <= 0x0D || c >= 0x1C && c <= 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680
        || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** {@code s.strip()}. */
  public static String strip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isSpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isSpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  /** {@code s.strip(chars)}: {@code chars} removed from both ends. */
  public static String strip(String s, String chars) {
    return rstrip(lstrip(s, chars), chars);
  }

  /** {@code s.lstrip(chars)}. */
  public static String lstrip(String s, String chars) {
    int b = 0;
    while (b < s.length() && chars.indexOf(s.charAt(b)) >= 0) {
      b++;
    }
    return s.substring(b);
  }

  /** {@code s.rstrip(chars)}. */
  public static String rstrip(String s, String chars) {
    int e = s.length();
    while (e > 0 && chars.indexOf(s.charAt(e - 1)) >= 0) {
      e--;
    }
    return s.substring(0, e);
  }

  /** {@code s.split()}: runs of whitespace separate, no empty parts. */
  public static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** {@code s.split(sep)}: every part, empty ones included. */
  public static List<String> split(String s, String sep) {
    return List.of(s.split(Pattern.quote(sep), -1));
  }

  /** {@code s.lower()} (full Unicode mapping, as Python's). */
  public static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code s.isupper()}: at least one cased character, and no lower- or title-case one. */
  public static boolean isUpper(String s) {
    return cased(s, true);
  }

  /** {@code s.islower()}: at least one cased character, and no upper- or title-case one. */
  public static boolean isLower(String s) {
    return cased(s, false);
  }

  private static boolean cased(String s, boolean upper) {
    boolean any = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      boolean u = Character.isUpperCase(c);
      boolean l = Character.isLowerCase(c);
      if (Character.isTitleCase(c) || (upper ? l : u)) {
        return false;
      }
      any |= upper ? u : l;
    }
    return any;
  }

  /** lm-eval's {@code count_words}: the number of {@code \w+} runs. */
  public static int countWords(String s) {
    Matcher m = WORDS.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The number of non-overlapping matches of {@code p} in {@code s} ({@code len(re.findall(p, s))}). */
  public static int count(Pattern p, String s) {
    Matcher m = p.matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
