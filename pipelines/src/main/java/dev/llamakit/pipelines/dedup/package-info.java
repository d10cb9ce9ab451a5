/**
 * Line-level deduplication over the whole input, cc_net's rule made global.
 *
 * <p>Partitioned (the Beam step {@code beam.DedupLines}): every (line hash, document) pair goes to one of N hash
 * buckets, and a {@link dev.llamakit.pipelines.dedup.LineBucket} per bucket says which documents lose which of its
 * lines; each document then meets the hashes it loses and {@link dev.llamakit.pipelines.dedup.LineDedup} rewrites
 * it. No worker holds more than one bucket (1/N of the pairs) and one document.
 *
 * <p>In memory (the benchmark's plain loop, small runs): {@link dev.llamakit.pipelines.dedup.OccurrenceTable} counts
 * the documents of every hash (capped at two, with the first owner) and its
 * {@link dev.llamakit.pipelines.dedup.DuplicateLines} index answers the same question for every document.
 * {@link dev.llamakit.pipelines.dedup.DedupPolicy} chooses cc_net's remove-all or C4's keep-one in both.
 *
 * <pre>{@code
 * LineBucket bucket = new LineBucket();
 * bucket.add(new long[] {hash1, ordinal1, hash1, ordinal2});              // batches of (hash, ordinal) pairs
 * bucket.decide(DedupPolicy.REMOVE_ALL, (ordinal, lostHashes) -> emit(ordinal, lostHashes));
 * Set<Long> lost = lostHashesOf(doc);                                       // what emit sent to this document
 * LineDedup.Outcome o = new LineDedup(DedupPolicy.REMOVE_ALL, 300).apply(docWithHashes, lost::contains);
 * if (o.kept() != null) write(o.kept()); else count(o.dropped());
 * }</pre>
 */
package dev.llamakit.pipelines.dedup;
