/**
 * MinHash-LSH near-duplicate detection (FineWeb's defaults: word 5-grams, 14 bands × 8 rows), as plain logic the
 * {@code minhash} corpus step ({@link dev.llamakit.pipelines.beam.MinHashDedup}) wraps.
 *
 * <p>A document's text is {@linkplain dev.llamakit.pipelines.minhash.SimplifiedText simplified} (lower case, numbers
 * to {@code 0}, punctuation and symbols to spaces, accents removed, whitespace collapsed), cut into word n-gram
 * {@linkplain dev.llamakit.pipelines.minhash.Shingles shingles} hashed to 64 bits, and summarised by a
 * {@linkplain dev.llamakit.pipelines.minhash.MinHasher MinHash signature} whose bands are hashed to LSH keys. Two
 * documents sharing a band key become a candidate edge (each bucket a star around its first member), optionally
 * confirmed by the exact {@linkplain dev.llamakit.pipelines.minhash.Jaccard Jaccard} of their shingle sets; the
 * connected components of the edges are the clusters — {@link dev.llamakit.pipelines.minhash.StarContraction}
 * (distributed large-star/small-star rounds plus a union-find fallback) in Beam, a
 * {@link dev.llamakit.pipelines.minhash.MinUnionFind} in memory, the same answer either way: every node labelled
 * with its component's smallest ordinal. Each cluster keeps one member by a
 * {@link dev.llamakit.pipelines.minhash.KeepRule}; {@link dev.llamakit.pipelines.minhash.SCurve} gives the
 * probability that a pair of similarity s becomes a candidate.
 *
 * <pre>{@code
 * NearDedup dedup = new NearDedup(NearDedup.Config.fineweb());
 * NearDedup.Result r = dedup.run(documents);                  // one Decision per document, input order
 * for (int i = 0; i < documents.size(); i++) {
 *   NearDedup.Outcome o = NearDedup.apply(documents.get(i), r.decisions().get(i));
 *   if (o.kept() != null) write(o.kept());                     // with minhash_cluster_id, minhash_cluster_size
 *   else drop(o.dropped());                                    // NEAR_DUPLICATE, "near-duplicate of <id> ..."
 * }
 * double p = SCurve.probability(0.8, 14, 8);                   // 0.924
 * }</pre>
 */
package dev.llamakit.pipelines.minhash;
