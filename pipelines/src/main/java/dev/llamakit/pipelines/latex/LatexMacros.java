package dev.llamakit.pipelines.latex;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Expands the user's argument-less macros inline, as RedPajama's arXiv cleaner did: {@code \newcommand{\x}{body}},
 * {@code \newcommand*\x{body}}, {@code \renewcommand}, {@code \providecommand} and {@code \def\x{body}}. Each such
 * definition is removed and every later use of {@code \x} (not followed by a letter) becomes {@code body}; a
 * redefinition replaces the body from there on only in the sense that the last definition wins for the whole text
 * (RPv1 likewise). Macros with arguments ({@code [1]}, {@code #1}) are left as they are.
 *
 * <p>Bounded: bodies that use other macros are expanded again, at most {@code maxPasses} times, and the text may grow
 * to at most {@code maxGrowth} times its size (plus 1 MiB); a macro that is still expanding then (a recursive
 * {@code \def\a{\a\a}}) is a {@link LatexException.Kind#MACRO_LOOP}. A definition whose body's braces do not close is
 * {@link LatexException.Kind#UNBALANCED_BRACES}.
 */
public final class LatexMacros {
  private final int maxPasses;
  private final int maxGrowth;

  public LatexMacros(int maxPasses, int maxGrowth) {
    this.maxPasses = maxPasses;
    this.maxGrowth = maxGrowth;
  }

  /** The text with its argument-less macros expanded and their definitions removed. */
  public String expand(String tex) throws LatexException {
    Map<String, String> macros = new LinkedHashMap<>();
    String text = collect(tex, macros);
    if (macros.isEmpty()) {
      return text;
    }
    long limit = (long) tex.length() * maxGrowth + (1 << 20);
    for (int pass = 0; pass < maxPasses; pass++) {
      StringBuilder out = new StringBuilder(text.length() + 64);
      boolean changed = false;
      int n = text.length();
      int i = 0;
      while (i < n) {
        char c = text.charAt(i);
        if (c != '\\') {
          out.append(c);
          i++;
          continue;
        }
        int j = i + 1;
        while (j < n && isLetter(text.charAt(j))) {
          j++;
        }
        if (j == i + 1) { // \ followed by a non-letter: a control symbol, copied with it
          out.append(text, i, Math.min(n, i + 2));
          i += 2;
          continue;
        }
        String body = macros.get(text.substring(i + 1, j));
        if (body == null) {
          out.append(text, i, j);
        } else {
          out.append(body);
          changed = true;
          if (out.length() > limit) {
            throw new LatexException(LatexException.Kind.MACRO_LOOP, "macro expansion grows past " + limit
                + " characters (a recursive macro such as \\" + text.substring(i + 1, j) + "?)");
          }
        }
        i = j;
      }
      text = out.toString();
      if (!changed) {
        return text;
      }
    }
    throw new LatexException(LatexException.Kind.MACRO_LOOP, "macros still expanding after " + maxPasses
        + " passes (a recursive definition)");
  }

  /** Removes the argument-less definitions from {@code tex}, putting them in {@code macros}. */
  private static String collect(String tex, Map<String, String> macros) throws LatexException {
    StringBuilder out = new StringBuilder(tex.length());
    int n = tex.length();
    int i = 0;
    while (i < n) {
      int k = tex.indexOf('\\', i);
      if (k < 0) {
        out.append(tex, i, n);
        break;
      }
      out.append(tex, i, k);
      int end = definition(tex, k, macros);
      if (end > k) {
        i = end;
      } else {
        int j = k + 1;
        while (j < n && isLetter(tex.charAt(j))) {
          j++;
        }
        j = Math.max(j, Math.min(n, k + 2));
        out.append(tex, k, j);
        i = j;
      }
    }
    return out.toString();
  }

  /** When an argument-less definition starts at {@code k}: records it and returns where it ends; else {@code k}. */
  private static int definition(String s, int k, Map<String, String> macros) throws LatexException {
    int n = s.length();
    int j = k + 1;
    while (j < n && isLetter(s.charAt(j))) {
      j++;
    }
    String cmd = s.substring(k + 1, j);
    boolean def = cmd.equals("def");
    if (!def && !cmd.equals("newcommand") && !cmd.equals("renewcommand") && !cmd.equals("providecommand")) {
      return k;
    }
    if (!def && j < n && s.charAt(j) == '*') {
      j++;
    }
    j = skipSpaces(s, j);
    boolean braced = !def && j < n && s.charAt(j) == '{';
    if (braced) {
      j = skipSpaces(s, j + 1);
    }
    if (j >= n || s.charAt(j) != '\\') {
      return k;
    }
    int nameStart = j + 1;
    j = nameStart;
    while (j < n && isLetter(s.charAt(j))) {
      j++;
    }
    if (j == nameStart) {
      return k;
    }
    String name = s.substring(nameStart, j);
    if (braced) {
      j = skipSpaces(s, j);
      if (j >= n || s.charAt(j) != '}') {
        return k; // \newcommand{\x@y}... : a name llamakit does not read
      }
      j++;
    }
    j = skipSpaces(s, j);
    if (j >= n || s.charAt(j) != '{') {
      return k; // [n] arguments, #1 parameters, or a name with @: not an argument-less macro
    }
    int close = matchingBrace(s, j);
    if (close < 0) {
      throw new LatexException(LatexException.Kind.UNBALANCED_BRACES, "the body of \\" + cmd + " \\" + name
          + " (at character " + k + ") never closes its brace");
    }
    macros.put(name, s.substring(j + 1, close));
    return close + 1;
  }

  /** The index of the brace closing the one at {@code open}, or -1. */
  static int matchingBrace(String s, int open) {
    int depth = 0;
    for (int i = open; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  private static int skipSpaces(String s, int j) {
    while (j < s.length() && (s.charAt(j) == ' ' || s.charAt(j) == '\t' || s.charAt(j) == '\n')) {
      j++;
    }
    return j;
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
