/**
 * The Beam glue of the corpus pipelines, and nothing else: reading ({@link dev.llamakit.pipelines.beam.ReadCorpus}),
 * the one step that runs rules ({@link dev.llamakit.pipelines.beam.ApplyFilters}: a fused
 * {@link dev.llamakit.pipelines.filters.FilterChain}), the corpus steps that need a shuffle
 * ({@link dev.llamakit.pipelines.beam.CorpusStep}s such as the partitioned line dedup
 * {@link dev.llamakit.pipelines.beam.DedupLines}), and writing shards and drops. The steps pass one stream of
 * {@link dev.llamakit.pipelines.beam.Item}s: a document, or the counted drop that replaced it. With one output per
 * step the runner fuses everything between two shuffles into one task (two outputs per step had cost every document
 * an encode and a decode after every step on Flink); {@link dev.llamakit.pipelines.beam.Routes#split()} separates
 * documents from drops at the end. The logic lives in plain classes ({@code filters}, {@code io}, {@code dedup});
 * recipes wire these steps ({@code recipes.RecipePipeline}).
 *
 * <pre>{@code
 * PCollection<Item> items = p.apply("ReadCorpus", ReadCorpus.from(files, ReadOptions.defaults()))
 *     .apply("Filter", ApplyFilters.with(chain))
 *     .apply("DedupLines", DedupLines.withPolicy(REMOVE_ALL, 300));
 * PCollectionTuple routed = items.apply("Route", Routes.split());
 * routed.get(Routes.DOCS).apply("WriteShards", WriteShards.to(out, 2, OutputLayout.LANGUAGE));
 * routed.get(Routes.DROPS).apply("WriteDrops", WriteDrops.to(out + "/_dropped"));
 * }</pre>
 */
package dev.llamakit.pipelines.beam;
