/**
 * Rules for books: {@link dev.llamakit.pipelines.filters.books.GutenbergFilter} ({@code gutenberg}) strips Project
 * Gutenberg's header, footer and licence by the marker lines of {@code gutenberg-markers.txt} and keeps the header's
 * eBook number, title, author and language as provenance signals. Books are read by the {@code text} format (one file
 * = one document); the {@code books} preset runs this rule before book-level dedup.
 *
 * <pre>{@code
 * Verdict v = new GutenbergFilter(new GutenbergFilter.Params()).apply(book);
 * String body = v.changed().rawContent();                       // the book without header, footer and licence
 * String id = v.changed().signals().string("gutenberg_id");     // "1342"
 * }</pre>
 */
package dev.llamakit.pipelines.filters.books;
