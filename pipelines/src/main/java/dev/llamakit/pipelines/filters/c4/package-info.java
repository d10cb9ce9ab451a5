/**
 * C4's heuristic rules as tfds writes them ({@code tensorflow_datasets/text/c4_utils.py}; the reference is the tfds
 * code, not the T5 paper's prose): {@code c4_lines} ({@link dev.llamakit.pipelines.filters.c4.C4LineFilter},
 * tfds {@code clean_page}: removes lines, changes the document, drops pages as {@code C4_LOREM_IPSUM},
 * {@code C4_CURLY_BRACKET}, {@code C4_TOO_FEW_SENTENCES}) and {@code c4_badwords}
 * ({@link dev.llamakit.pipelines.filters.c4.C4BadWordsFilter}, {@code C4_BAD_WORDS}).
 *
 * <pre>{@code
 * FilterRegistry rules = FilterRegistry.standard();
 * DocumentFilter c4 = rules.create("c4_lines", Map.of());                         // tfds: 5 words, 3 sentences
 * DocumentFilter datatrove = rules.create("c4_lines", Map.of("min_words_per_line", 3, "min_num_sentences", 5,
 *     "end_marks", List.of(".", "?", "!", "\"", "'")));                               // datatrove's C4QualityFilter
 * Verdict v = c4.apply(doc);     // v.changed().rawContent(): the kept lines joined by "\n"
 * }</pre>
 *
 * <p>Deliberate differences from tfds: sentences are counted by
 * {@link dev.llamakit.engine.text.PunktSentences}, a restatement of NLTK punkt's decisions with two
 * bundled word lists in place of the trained {@code english.pickle} (not available), so a page near the
 * three-sentence limit with rare abbreviations can be decided differently; the bad-words search is a trie, not
 * one regex, with the same boundaries; the English LDNOOBW list is the 5faf2ba version, not the 25e679f one tfds
 * pins; {@code filter_fraction} is not offered. tfds's quirk that a line is not stripped again after citation
 * removal is kept.
 */
package dev.llamakit.pipelines.filters.c4;
