/**
 * Wikipedia's rules: {@link dev.llamakit.pipelines.filters.wikipedia.WikitextFilter} ({@code wikitext}) makes a
 * page's wikitext plain text; {@link dev.llamakit.pipelines.filters.wikipedia.WikiLanguageFilter}
 * ({@code wiki_language}) keeps LLaMA's 20 languages by the dump's language. Pages come from the {@code wikipedia} read
 * format.
 *
 * <pre>{@code
 * Verdict v = new WikitextFilter(new WikitextFilter.Params()).apply(page);   // v.changed().rawContent(): plain text
 * }</pre>
 */
package dev.llamakit.pipelines.filters.wikipedia;
