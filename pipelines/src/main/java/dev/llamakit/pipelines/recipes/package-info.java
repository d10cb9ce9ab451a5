/**
 * Recipes: whole pipelines composed from the steps in {@code beam}, and the job that runs one on a chosen Beam
 * runner and publishes its output atomically. {@link dev.llamakit.pipelines.recipes.CcNet} is LLaMA's CommonCrawl
 * cleaning (CCNet): read, min length, global line dedup, language ID, per-language shards.
 *
 * <pre>{@code
 * CcNetConfig cfg = new CcNetConfig(inputs, ReadOptions.defaults(), 300, CcNetConfig.DEFAULT_MAX_LENGTH,
 *     DedupPolicy.REMOVE_ALL, lid176, 0.5, Set.of(), 2);
 * RunReport r = new CcNetJob(cfg, Runner.FLINK, 2, null, List.of()).run(Path.of("out"), false, System.err);
 * }</pre>
 */
package dev.llamakit.pipelines.recipes;
