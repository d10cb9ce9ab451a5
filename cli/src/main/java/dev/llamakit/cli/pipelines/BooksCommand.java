package dev.llamakit.cli.pipelines;

import picocli.CommandLine.Command;

/** {@code llamakit pipeline books}: the {@code books} preset (Gutenberg stripping, book-level near-dedup). */
@Command(name = "books", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Clean books the way LLaMA's Gutenberg/Books3 share was: plain-text books (.txt[.gz|.bz2], one file",
      "a book) or JSONL, Project Gutenberg's header, footer and licence removed, exact copies and books with more",
      "than 90% overlap with a larger one dropped. The shortcut of `llamakit pipeline run books`."},
    footer = {"", "Examples:", "  llamakit pipeline books gutenberg/ -o out/books",
      "  llamakit pipeline books books.jsonl.gz -o out/books --set dedup_books.threshold=0.8"})
public final class BooksCommand extends PresetShortcut {
  public BooksCommand() {
    super("books");
  }
}
