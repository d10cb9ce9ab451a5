/**
 * Line-level deduplication over the whole input, cc_net's rule made global.
 *
 * <p>Two passes: count, for every line hash, the documents that contain it ({@link
 * dev.llamakit.pipelines.dedup.OccurrenceTable}: per bucket of hashes, documents capped at two and the first owner,
 * merged associatively, so Beam folds a bundle's lines before the shuffle and a boilerplate line is never a hot key);
 * then remove, from each document, the lines found to be duplicated ({@link
 * dev.llamakit.pipelines.dedup.LineDedup} with the global {@link dev.llamakit.pipelines.dedup.DuplicateLines}).
 * {@link dev.llamakit.pipelines.dedup.DedupPolicy} chooses cc_net's remove-all or C4's keep-one.
 *
 * <pre>{@code
 * LineDedup dedup = new LineDedup(DedupPolicy.REMOVE_ALL, 300);
 * LineDedup.Outcome o = dedup.apply(docWithHashes, duplicates);
 * if (o.kept() != null) write(o.kept()); else count(o.dropped());
 * }</pre>
 */
package dev.llamakit.pipelines.dedup;
