/**
 * The MassiveWeb rules of the Gopher paper (Rae et al. 2021, "Scaling Language Models", appendix A.1.1 and table
 * A1), with the paper's thresholds: {@code gopher_quality}
 * ({@link dev.llamakit.pipelines.filters.gopher.GopherQualityFilter}) and {@code gopher_repetition}
 * ({@link dev.llamakit.pipelines.filters.gopher.GopherRepetitionFilter}). Every measured value is a signal
 * ({@code gopher_word_count}, {@code gopher_mean_word_length}, {@code gopher_duplicate_5gram_char_fraction}, ...),
 * so a recipe can run them signals-only.
 *
 * <pre>{@code
 * DocumentFilter quality = FilterRegistry.standard().create("gopher_quality", Map.of());
 * DocumentFilter dolma = FilterRegistry.standard().create("gopher_quality",
 *     Map.of("word_length_statistic", "median", "stop_word_count", "occurrences", "bullets", List.of("*", "-")));
 * DocumentFilter rep = FilterRegistry.standard().create("gopher_repetition", Map.of("ngram_method", "datatrove"));
 * }</pre>
 *
 * <p>Where the paper is silent the choice is stated: words are {@code str.split()} words (datatrove uses a
 * language tokenizer and counts only words with a non-punctuation character; dolma splits on whitespace too);
 * stop words are matched case-sensitively as whole whitespace words and counted distinct (the paper's "at least
 * two of"; dolma counts occurrences: {@code stop_word_count}); bullets default to datatrove's {@code •} and
 * {@code -}; duplicate lines/paragraphs count copies beyond the first (datatrove; dolma counts every copy); n-gram
 * shares follow the paper's wording with overlaps counted once ({@code ngram_method: datatrove} gives datatrove's
 * greedy scan over {@code len(text)}). Lines, paragraphs, words and n-grams are compared exactly (hashes only
 * find candidates); {@code gopher_repetition} keeps per-thread scratch arrays and looks at an n-gram only when its
 * first and last (n-1)-grams both repeat (see {@link dev.llamakit.pipelines.filters.gopher.NgramRepetition}).
 */
package dev.llamakit.pipelines.filters.gopher;
