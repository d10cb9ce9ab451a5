package dev.llamakit.pipelines.latex;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cuts of LLaMA's arXiv cleaning: everything before the first sectioning command ({@code \part}, {@code \chapter},
 * {@code \section}, {@code \subsection}, {@code \subsubsection}, {@code \paragraph}, {@code \subparagraph}, starred or
 * not) goes, and everything from the bibliography on ({@code \begin{thebibliography}}, {@code \begin{references}},
 * {@code \bibliography{…}}, {@code \printbibliography}), from {@code \end{document}} on, and optionally from
 * {@code \appendix} on (RedPajama's cleaner did).
 */
public final class LatexSections {
  private static final Pattern SECTION = Pattern.compile(
      "\\\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\\*?\\s*[\\[{]");
  private static final Pattern BIBLIOGRAPHY = Pattern.compile(
      "\\\\begin\\{(?:thebibliography|references|REFERENCES)}|\\\\bibliography\\s*\\{|\\\\printbibliography\\b"
          + "|\\\\end\\{document}");
  private static final Pattern BEGIN_DOCUMENT = Pattern.compile("\\\\begin\\s*\\{document}");
  private static final Pattern APPENDIX = Pattern.compile("\\\\appendix\\b");

  private LatexSections() {}

  /**
   * The index of the first sectioning command after {@code \begin{document}} (from the start when there is none), or
   * -1. RedPajama searched the whole text, so a {@code \section} inside a preamble macro (the HoTT book's
   * {@code \newcommand{\sectionExercises}[1]{…\section*{Exercises}…}}) kept the rest of the preamble.
   */
  public static int firstSection(String tex) {
    Matcher d = BEGIN_DOCUMENT.matcher(tex);
    Matcher m = SECTION.matcher(tex);
    return m.find(d.find() ? d.end() : 0) ? m.start() : -1;
  }

  /** {@code tex} cut before the bibliography (and the appendix, with {@code appendix}). */
  public static String cutEnd(String tex, boolean appendix) {
    int cut = tex.length();
    Matcher b = BIBLIOGRAPHY.matcher(tex);
    if (b.find()) {
      cut = b.start();
    }
    if (appendix) {
      Matcher a = APPENDIX.matcher(tex);
      if (a.find() && a.start() < cut) {
        cut = a.start();
      }
    }
    return tex.substring(0, cut);
  }

  /** Whether every unescaped brace closes: -1 when balanced, else the index of the first one that does not. */
  public static int unbalancedBrace(String tex) {
    java.util.ArrayDeque<Integer> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < tex.length(); i++) {
      char c = tex.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        open.push(i);
      } else if (c == '}') {
        if (open.isEmpty()) {
          return i;
        }
        open.pop();
      }
    }
    return open.isEmpty() ? -1 : open.peekLast();
  }
}
