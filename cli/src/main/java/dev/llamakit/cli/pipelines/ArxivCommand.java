package dev.llamakit.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code llamakit pipeline arxiv}: the {@code arxiv} preset (LaTeX flattened and cleaned as LLaMA did). */
@Command(name = "arxiv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Clean arXiv LaTeX sources the way LLaMA's arXiv share was: .tex files or .tar[.gz] archives (one",
      "paper per archive, per top-level folder, or per gzipped entry), \\input/\\include inlined, comments removed,",
      "user macros expanded, preamble and bibliography cut. The shortcut of `llamakit pipeline run arxiv`."},
    footer = {"", "Examples:", "  llamakit pipeline arxiv src/arXiv_src_2101_001.tar -o out/arxiv",
      "  llamakit pipeline arxiv papers/ -o out/arxiv --set arxiv_clean.cut_appendix=true"})
public final class ArxivCommand extends PresetShortcut {
  public ArxivCommand() {
    super("arxiv");
  }
}
