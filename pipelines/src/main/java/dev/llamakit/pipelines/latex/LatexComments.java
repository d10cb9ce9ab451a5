package dev.llamakit.pipelines.latex;

/**
 * Removes LaTeX comments: from an unescaped {@code %} to the end of its line. A line that is only a comment (nothing
 * but blanks before the {@code %}) goes whole, with its line break, so no blank line is left where it was; after text
 * the text stays, with the {@code %} when {@code keepPercent} (arxiv-latex-cleaner's form: the {@code %} still joins
 * the line to the next, as LaTeX reads it) or without it. {@code \%} is a percent sign, not a comment; so is
 * {@code \\%}'s {@code %} a comment (the backslashes pair up). The {@code comment} environment goes too.
 */
public final class LatexComments {
  private LatexComments() {}

  public static String strip(String tex, boolean keepPercent) {
    StringBuilder out = new StringBuilder(tex.length());
    int n = tex.length();
    int lineStart = 0;
    while (lineStart < n) {
      int nl = tex.indexOf('\n', lineStart);
      int lineEnd = nl < 0 ? n : nl;
      int pct = commentStart(tex, lineStart, lineEnd);
      if (pct < 0) {
        out.append(tex, lineStart, nl < 0 ? n : nl + 1);
      } else if (tex.substring(lineStart, pct).isBlank()) {
        // a whole-line comment: gone with its line break
      } else {
        out.append(tex, lineStart, keepPercent ? pct + 1 : pct);
        if (nl >= 0) {
          out.append('\n');
        }
      }
      lineStart = nl < 0 ? n : nl + 1;
    }
    return removeEnvironment(out.toString(), "comment");
  }

  /** The index of the line's first unescaped {@code %}, or -1. */
  static int commentStart(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        i++; // whatever follows a backslash is escaped (\% \\ \{)
      } else if (c == '%') {
        return i;
      }
    }
    return -1;
  }

  /** Removes {@code \begin{name}…\end{name}} (not nested); an unclosed one runs to the end. */
  static String removeEnvironment(String s, String name) {
    String begin = "\\begin{" + name + "}";
    String end = "\\end{" + name + "}";
    int i = s.indexOf(begin);
    if (i < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    while (i >= 0) {
      out.append(s, from, i);
      int e = s.indexOf(end, i + begin.length());
      from = e < 0 ? s.length() : e + end.length();
      i = s.indexOf(begin, from);
    }
    out.append(s, from, s.length());
    return out.toString();
  }
}
