/**
 * Wikitext (MediaWiki markup) to plain text: {@link dev.llamakit.pipelines.wikitext.WikitextCleaner} removes
 * templates, tables, references, comments, file/category/interlanguage links and formatting, keeps link labels and
 * headings as lines, by linear scans with depth counters (no backtracking over nested markup). The link prefixes it
 * hides are a table, {@code hidden-link-prefixes.txt}. The {@code wikipedia} read format gives it the pages; the
 * {@code wikitext} rule applies it.
 *
 * <pre>{@code
 * String text = WikitextCleaner.standard().clean(wikitext);
 * }</pre>
 */
package dev.llamakit.pipelines.wikitext;
