/**
 * FineWeb's own rules, {@code fineweb_quality} ({@link dev.llamakit.pipelines.filters.fineweb.FineWebQualityFilter}),
 * as datatrove's {@code FineWebQualityFilter} has them (huggingface/datatrove, current main), with its defaults:
 * punctuated-line share at least 0.12, short-line (&le; 30 characters) share at most 0.67, duplicate-line characters
 * at most 0.01 of the text without newlines, newlines per word at most 0.3. In FineWeb it runs after
 * {@code gopher_repetition}, {@code gopher_quality} and {@code c4_lines} with {@code filter_no_terminal_punct: false}.
 *
 * <pre>{@code
 * DocumentFilter fw = FilterRegistry.standard().create("fineweb_quality", Map.of());
 * Verdict v = fw.apply(doc);   // v.signals(): fineweb_line_punct_ratio, fineweb_short_line_ratio, ...
 * }</pre>
 *
 * <p>Deliberate differences: datatrove's word count for the newline rule comes from its NLTK tokenizer; here a run
 * of word characters and every other non-space character each count as one word ({@code words: punctuation}), or
 * whitespace words ({@code words: whitespace}). Reason names say what fired ({@code FINEWEB_TOO_MANY_NEWLINES_PER_WORD},
 * not datatrove's {@code list_ratio}); a blank document is {@code FINEWEB_NO_TEXT} and no ratio divides by zero.
 */
package dev.llamakit.pipelines.filters.fineweb;
