/**
 * LaTeX sources as LLaMA's arXiv data was cleaned: {@link dev.llamakit.pipelines.latex.LatexProject} flattens a
 * paper's files (main file by {@code \documentclass}, {@code \input}/{@code \include} inlined, bounded);
 * {@link dev.llamakit.pipelines.latex.LatexComments} removes comments;
 * {@link dev.llamakit.pipelines.latex.LatexMacros} expands argument-less user macros with bounded expansion;
 * {@link dev.llamakit.pipelines.latex.LatexSections} finds the first section and cuts the bibliography. The
 * {@code latex} read format and the {@code arxiv_clean} rule put them together.
 *
 * <pre>{@code
 * String flat = LatexProject.flatten(files, 8, 50_000_000).text();
 * String tex = new LatexMacros(16, 8).expand(LatexComments.strip(flat, false));   // throws LatexException
 * int start = LatexSections.firstSection(tex);                                    // -1: no section
 * String body = LatexSections.cutEnd(tex.substring(start), false);
 * }</pre>
 */
package dev.llamakit.pipelines.latex;
