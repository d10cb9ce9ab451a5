package dev.llamakit.pipelines.filters.arxiv;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.Verdict;
import dev.llamakit.pipelines.latex.LatexComments;
import dev.llamakit.pipelines.latex.LatexException;
import dev.llamakit.pipelines.latex.LatexMacros;
import dev.llamakit.pipelines.latex.LatexSections;
import dev.llamakit.pipelines.text.PyText;
import java.io.Serializable;

/**
 * LLaMA's arXiv cleaning of a paper's flattened LaTeX ("we removed everything before the first section, as well as
 * the bibliography. We also removed the comments from the .tex files, and inline-expanded definitions and macros
 * written by users"), in this order: comments ({@link LatexComments}), argument-less user macros expanded
 * ({@link LatexMacros}, before the cut: they are defined in the preamble), everything before the first sectioning
 * command, everything from the bibliography (and, with {@code cut_appendix}, the appendix) on
 * ({@link LatexSections}). Leading and trailing blank lines go.
 *
 * <p>Drops: {@code LATEX_NO_SECTION} (no {@code \section}-like command: RedPajama dropped these too),
 * {@code LATEX_MACRO_LOOP} (expansion did not stop within its bounds), {@code LATEX_UNBALANCED_BRACES} (a macro body,
 * or with {@code check_braces} the whole source, whose braces do not balance).
 */
public final class ArxivCleanFilter implements DocumentFilter {
  public static final DropReason NO_SECTION = DropReason.of("LATEX_NO_SECTION");
  public static final DropReason MACRO_LOOP = DropReason.of("LATEX_MACRO_LOOP");
  public static final DropReason UNBALANCED_BRACES = DropReason.of("LATEX_UNBALANCED_BRACES");

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** Remove comments. */
    public boolean stripComments = true;
    /** Keep the {@code %} of an inline comment, as arxiv-latex-cleaner does (RPv1 removes it, with a bug). */
    public boolean keepCommentPercent = false;
    /** Expand argument-less {@code \newcommand}/{@code \renewcommand}/{@code \def} macros. */
    public boolean expandMacros = true;
    /** Expansion passes before a macro counts as recursive. */
    public int maxMacroPasses = 16;
    /** How many times its size a text may grow by expansion (plus 1 MiB). */
    public int maxMacroGrowth = 8;
    /** Cut from {@code \appendix} on too (RedPajama's cleaner did; LLaMA's paper names only the bibliography). */
    public boolean cutAppendix = false;
    /** Drop a paper whose source's braces do not balance (checked before the cuts). */
    public boolean checkBraces = true;
  }

  private final Params p;

  public ArxivCleanFilter(Params p) {
    if (p.maxMacroPasses < 1 || p.maxMacroGrowth < 1) {
      throw new IllegalArgumentException("max_macro_passes and max_macro_growth must be at least 1");
    }
    this.p = p;
  }

  @Override
  public Verdict apply(Document d) {
    String tex = d.rawContent();
    if (p.stripComments) {
      tex = LatexComments.strip(tex, p.keepCommentPercent);
    }
    if (p.expandMacros) {
      try {
        tex = new LatexMacros(p.maxMacroPasses, p.maxMacroGrowth).expand(tex);
      } catch (LatexException e) {
        return Verdict.drop(e.kind() == LatexException.Kind.MACRO_LOOP ? MACRO_LOOP : UNBALANCED_BRACES, e.getMessage());
      }
    }
    if (p.checkBraces) {
      // on the whole source: the cuts may split a group ({\small ... \bibliography{x}}) that the source closes
      int bad = LatexSections.unbalancedBrace(tex);
      if (bad >= 0) {
        int line = 1;
        for (int i = 0; i < bad; i++) {
          if (tex.charAt(i) == '\n') {
            line++;
          }
        }
        return Verdict.drop(UNBALANCED_BRACES, "brace at line " + line + " of the source (comments removed, macros "
            + "expanded) does not " + (tex.charAt(bad) == '{' ? "close" : "open"));
      }
    }
    int start = LatexSections.firstSection(tex);
    if (start < 0) {
      return Verdict.drop(NO_SECTION, "no \\section, \\chapter, \\part or (sub)paragraph command");
    }
    String body = LatexSections.cutEnd(tex.substring(start), p.cutAppendix).strip(); // starts with the section
    int lines = body.isEmpty() ? 0 : body.split("\n", -1).length;
    return Verdict.keep(d.withContent(body, lines, PyText.len(body)))
        .signal("latex_removed_chars", (long) (d.rawContent().length() - body.length()));
  }
}
