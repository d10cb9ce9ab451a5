package dev.llamakit.pipelines.io;

import java.util.List;

/**
 * One input format of the read step — WET, JSONL, and every source of the data mix that has a reader. Formats are
 * registered by name in {@code formats.properties} (see {@link CorpusFormats}); like a rule, a format class has a
 * public nested {@code Params} class (its options with their defaults, bound from the read step's
 * {@code format_params}) and a public constructor taking it. Adding a format is one class, one test and one line in
 * the table.
 */
public interface CorpusFormat {
  /**
   * The file-name endings this format claims when the read step's format is {@code auto}, lower case, without a
   * compression suffix ({@code .gz}, {@code .bz2}), e.g. {@code .warc.wet}. The longest matching ending wins.
   */
  List<String> suffixes();

  /** A reader for one file. */
  CorpusReader reader(ReadOptions options);

  /**
   * A reader for the file at {@code location} (a local path or a URL): for formats that look beside the file, as the
   * {@code code} format reads a repository's root LICENSE. The default ignores the location.
   */
  default CorpusReader reader(ReadOptions options, String location) {
    return reader(options);
  }

  /**
   * True for a format whose records are whole files of a folder tree (a source checkout): a named folder then yields
   * every file under it except {@code .git/} and dot files, and each file's {@code segment} is its path relative to
   * the folder's parent ({@code repo/src/main.c}), which the reader uses as provenance.
   */
  default boolean tree() {
    return false;
  }
}
