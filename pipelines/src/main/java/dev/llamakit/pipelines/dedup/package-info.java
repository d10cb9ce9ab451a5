/**
 * Line-level deduplication over the whole input, cc_net's rule made global.
 *
 * <p>Partitioned (the Beam step {@code beam.DedupLines}): every line hash goes to its owner, which sees the documents
 * that contain it once and in any order, and {@link dev.llamakit.pipelines.dedup.LineOwners} says which of them lose
 * it, with two numbers of state; each document then meets the hashes it loses and
 * {@link dev.llamakit.pipelines.dedup.LineDedup} rewrites it. No worker holds more than one group and one document.
 *
 * <p>In memory (the benchmark's plain loop, small runs): {@link dev.llamakit.pipelines.dedup.OccurrenceTable} counts
 * the documents of every hash (capped at two, with the first owner) and its
 * {@link dev.llamakit.pipelines.dedup.DuplicateLines} index answers the same question for every document.
 * {@link dev.llamakit.pipelines.dedup.DedupPolicy} chooses cc_net's remove-all or C4's keep-one in both.
 *
 * <pre>{@code
 * Set<Long> lost = new HashSet<>();
 * LineOwners.decide(DedupPolicy.REMOVE_ALL, ordinalsOfDocsWithLine.iterator(), o -> lost.add(hash)); // per hash
 * LineDedup.Outcome o = new LineDedup(DedupPolicy.REMOVE_ALL, 300).apply(docWithHashes, lost::contains);
 * if (o.kept() != null) write(o.kept()); else count(o.dropped());
 * }</pre>
 */
package dev.llamakit.pipelines.dedup;
