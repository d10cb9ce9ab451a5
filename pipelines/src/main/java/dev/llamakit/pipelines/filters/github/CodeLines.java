package dev.llamakit.pipelines.filters.github;

/**
 * Line and character counts of a source file as RPv1 measured them in Python: lines as {@code str.splitlines()}
 * cuts them (at {@code \n}, {@code \r}, {@code \r\n}, {@code \v}, {@code \f}, {@code \x1c-\x1e}, {@code \x85},
 * U+2028, U+2029), lengths and counts in code points, {@code isalnum}/{@code isalpha} as Unicode letter and number
 * categories.
 */
final class CodeLines {
  /** Number of lines, longest line, code points, alphanumeric and alphabetic code points. */
  record Stats(int lines, int maxLine, long codePoints, long alnum, long alpha) {}

  private CodeLines() {}

  static Stats of(String s) {
    int lines = 0;
    int maxLine = 0;
    int cur = 0;
    long cps = 0;
    long alnum = 0;
    long alpha = 0;
    boolean open = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      cps++;
      if (isBreak(cp)) {
        if (cp == '\r' && i < s.length() && s.charAt(i) == '\n') {
          i++;
          cps++;
        }
        lines++;
        maxLine = Math.max(maxLine, cur);
        cur = 0;
        open = false;
        continue;
      }
      open = true;
      cur++;
      if (Character.isLetter(cp)) {
        alpha++;
        alnum++;
      } else if (isNumeric(cp)) {
        alnum++;
      }
    }
    if (open) {
      lines++;
      maxLine = Math.max(maxLine, cur);
    }
    return new Stats(lines, maxLine, cps, alnum, alpha);
  }

  static boolean isBreak(int cp) {
    return cp == '\n' || cp == '\r' || cp == 0x0B || cp == 0x0C || (cp >= 0x1C && cp <= 0x1E) || cp == 0x85
        || cp == 0x2028 || cp == 0x2029;
  }

  private static boolean isNumeric(int cp) {
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  /**
   * Pre-tokens of GPT-NeoX's (Pythia's) tokenizer: contractions, an optional space then a run of letters, of digits
   * or of other symbols, and whitespace runs (the last space of a run joins the next word). Each becomes at least one
   * BPE token, so this count is a lower bound of Pythia's token count.
   */
  static long preTokens(String s) {
    long n = 0;
    int i = 0;
    int len = s.length();
    while (i < len) {
      int cp = s.codePointAt(i);
      if (cp == '\'' && contraction(s, i + 1) > 0) {
        i += 1 + contraction(s, i + 1);
        n++;
        continue;
      }
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
        int j = i;
        int last = i;
        while (j < len && isSpace(s.codePointAt(j))) {
          last = j;
          j += Character.charCount(s.codePointAt(j));
        }
        if (j >= len) {
          n++;
          i = j;
          continue;
        }
        // whitespace then a non-space: all but the last char are one token; a last ' ' joins the next word
        if (last > i) {
          n++;
        }
        if (s.charAt(last) == ' ') {
          i = last; // the word below starts with its space
          i++;
          n += word(s, i, len);
          i = wordEnd(s, i, len);
        } else {
          n++;
          i = last + 1;
        }
        continue;
      }
      n += word(s, i, len);
      i = wordEnd(s, i, len);
    }
    return n;
  }

  private static boolean isSpace(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  private static int word(String s, int i, int len) {
    return i < len ? 1 : 0;
  }

  /** The end of the run of one class (letters, digits, other symbols) starting at {@code i}. */
  private static int wordEnd(String s, int i, int len) {
    if (i >= len) {
      return i;
    }
    int c = cls(s.codePointAt(i));
    int j = i;
    while (j < len) {
      int cp = s.codePointAt(j);
      if (cls(cp) != c || isSpace(cp) || (c == 2 && cp == '\'' && contraction(s, j + 1) > 0 && j > i)) {
        break;
      }
      j += Character.charCount(cp);
    }
    return j;
  }

  private static int cls(int cp) {
    if (Character.isLetter(cp)) {
      return 0;
    }
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER ? 1 : 2;
  }

  private static int contraction(String s, int i) {
    for (String c : new String[] {"re", "ve", "ll", "s", "t", "m", "d"}) {
      if (s.startsWith(c, i)) {
        return c.length();
      }
    }
    return 0;
  }
}
