package dev.llamakit.pipelines.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.split()}, {@code str.splitlines()}, {@code str.isalpha()} and the regex class {@code \w}, for
 * the heuristic rules (C4, Gopher, FineWeb) whose reference code is Python and whose counts depend on them.
 */
public final class PyWords {
  private PyWords() {}

  /** Python's {@code str.split()} with no argument: runs of {@link PyText#isSpace} separate words. */
  public static List<String> split(String s) {
    List<String> words = new ArrayList<>();
    int n = s.length();
    int i = 0;
    while (i < n) {
      while (i < n && PyText.isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !PyText.isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(s.substring(start, i));
      }
    }
    return words;
  }

  /** {@code len(s.split())} without building the list. */
  public static int countWords(CharSequence s) {
    int count = 0;
    boolean inWord = false;
    for (int i = 0, n = s.length(); i < n; i++) {
      boolean space = PyText.isSpace(s.charAt(i));
      if (!space && !inWord) {
        count++;
      }
      inWord = !space;
    }
    return count;
  }

  /** True for the line boundaries of Python's {@code str.splitlines()} (\r\n counts as one). */
  public static boolean isLineBreak(char c) {
    return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x1C || c == 0x1D || c == 0x1E || c == 0x85
        || c == 0x2028 || c == 0x2029;
  }

  /** Python's {@code str.splitlines()}: no line separators kept, no empty last line for a trailing separator. */
  public static List<String> splitLines(String s) {
    List<String> lines = new ArrayList<>();
    int n = s.length();
    int start = 0;
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (isLineBreak(c)) {
        lines.add(s.substring(start, i));
        i += c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n' ? 2 : 1;
        start = i;
      } else {
        i++;
      }
    }
    if (start < n) {
      lines.add(s.substring(start));
    }
    return lines;
  }

  /** Python's {@code str.isalpha()} for one code point: Unicode categories Lu, Ll, Lt, Lm, Lo. */
  public static boolean isAlpha(int cp) {
    return Character.isLetter(cp);
  }

  /** Python's regex {@code \w} on str patterns: letters, digits, other numerics, underscore (not marks). */
  public static boolean isWordChar(int cp) {
    if (cp < 0x80) {
      return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') || cp == '_';
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  /** Python's regex {@code \d} on str patterns: Unicode decimal digits. */
  public static boolean isDecimal(int cp) {
    return cp < 0x80 ? cp >= '0' && cp <= '9' : Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER;
  }
}
