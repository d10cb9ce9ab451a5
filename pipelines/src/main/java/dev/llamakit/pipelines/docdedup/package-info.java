/**
 * Document-level dedup: which whole documents to remove because the corpus holds them already — the same normalised
 * content ({@link dev.llamakit.pipelines.docdedup.ContentNormalizer}, {@link dev.llamakit.pipelines.docdedup.ContentKey}),
 * the same normalised URL ({@link dev.llamakit.pipelines.docdedup.UrlNormalizer} with the
 * {@link dev.llamakit.pipelines.docdedup.TrackingParams} table), or most of their words inside a larger document
 * (book-level dedup, {@link dev.llamakit.pipelines.docdedup.BookOverlap} on word
 * {@link dev.llamakit.pipelines.docdedup.Shingles}). Plain classes without Beam types; the recipe steps
 * {@code dedup_exact}, {@code dedup_urls} and {@code dedup_books} ({@code beam.DedupExact}, {@code beam.DedupUrls},
 * {@code beam.DedupBooks}) wrap them in shuffles, and their in-memory forms call the same code.
 *
 * <p>Every choice is deterministic: a duplicate group keeps the member its {@link dev.llamakit.pipelines.docdedup.KeepRule}
 * ranks first, with ties to the lowest {@code ordinal} (first in input order), whatever order a runner delivers the
 * group in ({@link dev.llamakit.pipelines.docdedup.KeepOne}, {@link dev.llamakit.pipelines.docdedup.Candidate}).
 *
 * <pre>{@code
 * ContentNormalizer norm = new ContentNormalizer(ContentNormalizer.Form.NFC, false, true);
 * String key = new ContentKey().of(norm.normalize(doc.rawContent()));         // 32 hex digits
 *
 * UrlNormalizer urls = new UrlNormalizer(TrackingParams.standard(), true, false, false);
 * urls.key("https://Example.com:443/news/?utm_source=x#top");                 // "https://example.com/news"
 *
 * BookOverlap books = new BookOverlap(5, 0.9, 100);                           // 5-word shingles, > 90%, cap 100
 * BookOverlap.Result r = books.inMemory(documents);
 * r.removals().forEach((ordinal, why) -> System.out.println(ordinal + " in " + why.other() + ": " + why.overlap()));
 * }</pre>
 */
package dev.llamakit.pipelines.docdedup;
