/**
 * Benchmarks of the corpus pipelines (speed targets live here, never in timed tests): a whole recipe on the embedded
 * runner against the same compiled recipe in a plain single-threaded loop ({@link
 * dev.llamakit.pipelines.bench.PlainLoop}), each rule of a recipe on one thread ({@link
 * dev.llamakit.pipelines.bench.StepBenchmark}), and the engine-scored perplexity rule
 * ({@link dev.llamakit.pipelines.bench.LmPerplexityBenchmark}).
 *
 * <pre>{@code
 * llamakit bench pipeline --recipe llama-cc --documents 40000 --chars 4000
 * llamakit bench rules --recipe fineweb english-4k.jsonl.gz
 * }</pre>
 */
package dev.llamakit.pipelines.bench;
