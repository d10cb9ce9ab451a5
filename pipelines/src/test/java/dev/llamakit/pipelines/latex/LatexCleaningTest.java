package dev.llamakit.pipelines.latex;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatexCleaningTest {
  /**
   * arxiv-latex-cleaner's own test pair (Apache-2.0, ../shared): its comment handling — whole-line comments gone with
   * their line, an inline comment cut after its {@code %}, {@code \%} kept, the comment environment emptied — on the
   * part of main.tex where only comments are at stake (its lines 1–26 become the expected file's lines 1–15; the
   * rest of the pair exercises \iffalse, custom commands and tikz, which LLaMA's cleaning does not do).
   */
  @Test
  void commentsMatchArxivLatexCleaner() throws Exception {
    Path dir = SharedFiles.require("data/web/latex/arxiv-latex-cleaner-testdata");
    List<String> in = Files.readAllLines(dir.resolve("main.tex"));
    List<String> expected = Files.readAllLines(dir.resolve("main.expected_cleaned.tex"));
    String input = String.join("\n", in.subList(0, 26)) + "\n";
    String want = String.join("\n", expected.subList(0, 15)) + "\n";
    assertEquals(want, LatexComments.strip(input, true));
  }

  @Test
  void commentsWithoutThePercent() {
    assertEquals("a \\% b \nc\\\\\n\\%d\n", LatexComments.strip("a \\% b % gone\n  % whole line\nc\\\\%x\n\\%d\n", false));
    assertEquals("x\n\ny", LatexComments.strip("x\n\\begin{comment}\nhidden\n\\end{comment}\ny", false));
  }

  @Test
  void argumentLessMacrosExpand() throws Exception {
    String tex = "\\newcommand{\\R}{\\mathbb{R}}\n\\newcommand*\\eps{\\varepsilon}\\def\\half{\\frac12}\n"
        + "\\newcommand{\\pair}[2]{(#1,#2)}\\def\\twice#1{#1#1}\\renewcommand{\\R}{\\mathbf{R}}\n"
        + "\\newcommand{\\Rn}{\\R^n}\n"
        + "Let $x\\in\\Rn$, $\\eps\\half$, \\pair{a}{b}, \\Real, \\Rx.";
    assertEquals("\n\n\\newcommand{\\pair}[2]{(#1,#2)}\\def\\twice#1{#1#1}\n\n"
        + "Let $x\\in\\mathbf{R}^n$, $\\varepsilon\\frac12$, \\pair{a}{b}, \\Real, \\Rx.",
        new LatexMacros(16, 8).expand(tex));
  }

  @Test
  void recursiveMacrosAndOpenBracesStopWithTheirKind() {
    LatexException loop = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(LatexException.class,
        () -> new LatexMacros(16, 8).expand("\\def\\a{\\a\\a}\\a")));
    assertEquals(LatexException.Kind.MACRO_LOOP, loop.kind());
    LatexException cycle = assertThrows(LatexException.class,
        () -> new LatexMacros(16, 8).expand("\\def\\a{\\b}\\def\\b{\\a}\\a"));
    assertEquals(LatexException.Kind.MACRO_LOOP, cycle.kind());
    LatexException open = assertThrows(LatexException.class,
        () -> new LatexMacros(16, 8).expand("\\newcommand{\\x}{never {closed}\n\\section{A}"));
    assertEquals(LatexException.Kind.UNBALANCED_BRACES, open.kind());
  }

  @Test
  void sectionsAndBibliography() {
    String tex = "\\documentclass{article}\\begin{document}\\maketitle\n\\section*{Intro}\nBody.\n\\appendix\n"
        + "\\section{Proofs}\nMore.\n\\bibliography{refs}\n\\end{document}";
    int s = LatexSections.firstSection(tex);
    assertEquals("\\section*{Intro}\nBody.\n\\appendix\n\\section{Proofs}\nMore.\n",
        LatexSections.cutEnd(tex.substring(s), false));
    assertEquals("\\section*{Intro}\nBody.\n", LatexSections.cutEnd(tex.substring(s), true));
    assertEquals(-1, LatexSections.firstSection("\\titleformat{\\section}\\renewcommand{\\chaptermark}"));
    assertEquals(12, LatexSections.firstSection("\\usepackage\n\\subparagraph{x}"));
    assertEquals(-1, LatexSections.unbalancedBrace("{a\\{}"));
    assertEquals(3, LatexSections.unbalancedBrace("{a}}"));
    assertEquals(0, LatexSections.unbalancedBrace("{{a}"));
  }

  @Test
  void projectsFlattenFromTheirMainFile() {
    Map<String, String> files = Map.of(
        "paper.tex", "\\documentclass{article}\n\\input{sec/intro}\n% \\input{sec/old}\n\\include{sec/self}\n"
            + "\\input sec/tail.tex\n\\input{missing}\n",
        "sec/intro.tex", "\\section{Intro}\nHello.",
        "sec/old.tex", "OLD",
        "sec/self.tex", "[\\input{sec/self}]",
        "sec/tail.tex", "Tail.",
        "notes.tex", "\\documentclass{minimal} loose notes");
    LatexProject.Flat f = LatexProject.flatten(files, 3, 1 << 20);
    assertEquals("notes.tex", f.main(), "the first \\documentclass file by path, as none is main.tex");
    LatexProject.Flat g = LatexProject.flatten(Map.of("a.tex", "\\documentclass{x}A", "main.tex",
        files.get("paper.tex"), "sec/intro.tex", "I", "sec/self.tex", "[\\input{sec/self}]", "sec/tail.tex", "T"), 3,
        1 << 20);
    assertEquals("main.tex", g.main());
    assertEquals("\\documentclass{article}\nI\n% \\input{sec/old}\n[[[]]]\nT\n\n", g.text());
    assertEquals(2, g.missing(), "sec/old is commented out (not counted); missing, and the self-include past depth 3");
    LatexProject.Flat none = LatexProject.flatten(Map.of("b.tex", "B", "a.tex", "A"), 3, 1 << 20);
    assertEquals("A\nB", none.text());
    assertEquals(null, none.main());
  }

  @Test
  void hottBookGolden() throws Exception {
    Path dir = SharedFiles.require("data/web/latex/hott-book");
    Map<String, String> files = new java.util.TreeMap<>();
    for (String f : Arrays.asList("main.tex", "macros.tex", "front.tex", "introduction.tex", "basics.tex", "logic.tex")) {
      files.put(f, Files.readString(dir.resolve(f)));
    }
    LatexProject.Flat flat = LatexProject.flatten(files, 8, 1 << 26);
    assertEquals("main.tex", flat.main());
    String text = flat.text();
    // macros, front, introduction, basics and logic are inlined; the book's other chapters are not in ../shared
    assertEquals(true, text.contains("\\newcommand{\\jdeq}{\\equiv}"));
    assertEquals(true, text.contains(files.get("logic.tex").strip().substring(0, 200)));
    String cleaned = new LatexMacros(16, 8).expand(LatexComments.strip(text, false));
    int s = LatexSections.firstSection(cleaned);
    String body = LatexSections.cutEnd(cleaned.substring(s), false);
    assertEquals(true, body.startsWith("\\chapter*{Introduction}"), body.substring(0, 80));
    assertEquals(false, body.contains("\\jdeq") || body.contains("\\defeq"), "argument-less macros expanded");
    assertEquals(true, body.contains("\\vcentcolon\\equiv"), "\\defeq's body");
    assertEquals(false, body.contains("\\bibliography{references}"));
    assertEquals(-1, LatexSections.unbalancedBrace(cleaned), "the book's braces balance");
  }
}
