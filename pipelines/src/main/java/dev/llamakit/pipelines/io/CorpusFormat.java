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
}
