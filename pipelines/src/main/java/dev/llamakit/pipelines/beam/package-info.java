/**
 * The Beam glue of the corpus pipelines: one {@code PTransform} per recipe step, each a thin wrapper around the plain
 * logic in {@code io}, {@code dedup} and {@code langid}, with two outputs — documents ({@link
 * dev.llamakit.pipelines.beam.Routes#DOCS}) and counted drops ({@link dev.llamakit.pipelines.beam.Routes#DROPS}).
 *
 * <pre>{@code
 * PCollectionTuple read = p.apply("ReadCorpus", ReadCorpus.from(files, ReadOptions.defaults()));
 * PCollectionTuple deduped = read.get(Routes.DOCS).apply("DedupLines", DedupLines.withPolicy(REMOVE_ALL, 300));
 * deduped.get(Routes.DOCS).apply("WriteShards", WriteShards.to(out, 2));
 * }</pre>
 */
package dev.llamakit.pipelines.beam;
