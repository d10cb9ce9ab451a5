/**
 * The Beam glue of the corpus pipelines, and nothing else: reading ({@link dev.llamakit.pipelines.beam.ReadCorpus}),
 * the one step that runs rules ({@link dev.llamakit.pipelines.beam.ApplyFilters}: a fused
 * {@link dev.llamakit.pipelines.filters.FilterChain}), the global line-dedup shuffle
 * ({@link dev.llamakit.pipelines.beam.DedupLines}), and writing shards and drops. Every step has two outputs —
 * documents ({@link dev.llamakit.pipelines.beam.Routes#DOCS}) and counted drops
 * ({@link dev.llamakit.pipelines.beam.Routes#DROPS}). The logic lives in plain classes ({@code filters}, {@code io},
 * {@code dedup}); recipes wire these steps ({@code recipes.RecipePipeline}).
 *
 * <pre>{@code
 * PCollectionTuple read = p.apply("ReadCorpus", ReadCorpus.from(files, ReadOptions.defaults()));
 * PCollectionTuple kept = read.get(Routes.DOCS).apply("Filter", ApplyFilters.with(chain));
 * PCollectionTuple deduped = kept.get(Routes.DOCS).apply("DedupLines", DedupLines.withPolicy(REMOVE_ALL, 300));
 * deduped.get(Routes.DOCS).apply("WriteShards", WriteShards.to(out, 2, OutputLayout.LANGUAGE));
 * }</pre>
 */
package dev.llamakit.pipelines.beam;
