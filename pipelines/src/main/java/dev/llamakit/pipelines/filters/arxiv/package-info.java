/**
 * arXiv's cleaning rule: {@link dev.llamakit.pipelines.filters.arxiv.ArxivCleanFilter} ({@code arxiv_clean}) turns a
 * paper's flattened LaTeX (from the {@code latex} read format) into what LLaMA trained on — no preamble, no
 * bibliography, no comments, user macros expanded — with the parsing in {@code dev.llamakit.pipelines.latex}.
 *
 * <pre>{@code
 * Verdict v = new ArxivCleanFilter(new ArxivCleanFilter.Params()).apply(paper);
 * if (v.kept()) System.out.println(v.changed().rawContent());    // starts at \section{Introduction}
 * }</pre>
 */
package dev.llamakit.pipelines.filters.arxiv;
