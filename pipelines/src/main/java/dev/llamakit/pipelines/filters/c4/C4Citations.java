package dev.llamakit.pipelines.filters.c4;

import dev.llamakit.pipelines.text.PyWords;

/**
 * tfds's {@code _CITATION_REGEX.sub("", line)} for {@code \[\d*\]|\[edit\]|\[citation needed\]}, as a scan: no
 * regex per line, and the line itself returned when it has no {@code [}.
 */
final class C4Citations {
  private C4Citations() {}

  static String remove(String line) {
    int open = line.indexOf('[');
    if (open < 0) {
      return line;
    }
    StringBuilder out = null;
    int copied = 0;
    int i = open;
    while (i >= 0) {
      int end = matchEnd(line, i);
      if (end > 0) {
        if (out == null) {
          out = new StringBuilder(line.length());
        }
        out.append(line, copied, i);
        copied = end;
        i = line.indexOf('[', end);
      } else {
        i = line.indexOf('[', i + 1);
      }
    }
    return out == null ? line : out.append(line, copied, line.length()).toString();
  }

  /** The end of a citation starting at {@code i} (a {@code [}), or -1. */
  private static int matchEnd(String s, int i) {
    int k = i + 1;
    while (k < s.length() && PyWords.isDecimal(s.codePointAt(k))) {
      k += Character.charCount(s.codePointAt(k));
    }
    if (k < s.length() && s.charAt(k) == ']') {
      return k + 1;
    }
    if (s.startsWith("edit]", i + 1)) {
      return i + 6;
    }
    if (s.startsWith("citation needed]", i + 1)) {
      return i + 17;
    }
    return -1;
  }
}
