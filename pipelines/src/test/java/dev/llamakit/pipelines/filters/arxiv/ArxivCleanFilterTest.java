package dev.llamakit.pipelines.filters.arxiv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.Verdict;
import org.junit.jupiter.api.Test;

class ArxivCleanFilterTest {
  private static final ArxivCleanFilter RULE = new ArxivCleanFilter(new ArxivCleanFilter.Params());

  @Test
  void cleansAPaper() {
    String paper = "\\documentclass{article}\n\\newcommand{\\method}{\\textsc{Llama}}\n\\def\\eps{\\varepsilon}\n"
        + "\\title{T}\\begin{document}\\maketitle\n\\begin{abstract}Abstract.\\end{abstract}\n"
        + "% a comment line\n\\section{Introduction}\nWe present \\method{} with $\\eps$ 5\\% off. % TODO\n\n"
        + "\\appendix\n\\section{Proof}\nQ.E.D.\n\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n";
    Verdict v = RULE.apply(Docs.of(paper));
    assertEquals("\\section{Introduction}\nWe present \\textsc{Llama}{} with $\\varepsilon$ 5\\% off. \n\n"
        + "\\appendix\n\\section{Proof}\nQ.E.D.\n\\bibliographystyle{plain}", v.changed().rawContent());
    ArxivCleanFilter.Params rp = new ArxivCleanFilter.Params();
    rp.cutAppendix = true;
    assertEquals("\\section{Introduction}\nWe present \\textsc{Llama}{} with $\\varepsilon$ 5\\% off.",
        new ArxivCleanFilter(rp).apply(Docs.of(paper)).changed().rawContent());
  }

  @Test
  void namedDrops() {
    assertEquals(ArxivCleanFilter.NO_SECTION, RULE.apply(Docs.of("\\documentclass{article} Just text.")).reason());
    assertEquals(ArxivCleanFilter.MACRO_LOOP, RULE.apply(Docs.of("\\def\\x{\\x\\x}\\section{A}\\x")).reason());
    assertEquals(ArxivCleanFilter.UNBALANCED_BRACES,
        RULE.apply(Docs.of("\\newcommand{\\x}{{\\section{A}")).reason());
    Verdict open = RULE.apply(Docs.of("\\section{A}\nfine\n\\textbf{never closed\n"));
    assertEquals(ArxivCleanFilter.UNBALANCED_BRACES, open.reason());
    assertEquals("brace at line 3 of the source (comments removed, macros expanded) does not close", open.detail());
    assertEquals(ArxivCleanFilter.NO_SECTION, RULE.apply(Docs.of("\\section\n\\bibliography{x}")).reason(),
        "\\section without its title is no section");
  }
}
