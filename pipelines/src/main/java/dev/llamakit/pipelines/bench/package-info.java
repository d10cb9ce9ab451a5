/**
 * Benchmarks of the corpus pipelines (speed targets live here, never in timed tests): a whole recipe on the embedded
 * runner against the same compiled recipe in a plain single-threaded loop ({@link
 * dev.llamakit.pipelines.bench.PlainLoop}), each rule of a recipe on one thread ({@link
 * dev.llamakit.pipelines.bench.StepBenchmark}), the engine-scored perplexity rule
 * ({@link dev.llamakit.pipelines.bench.LmPerplexityBenchmark}), and MinHash near-dedup's signature throughput and
 * clustering time and memory by corpus size ({@link dev.llamakit.pipelines.bench.MinHashBenchmark}).
 *
 * <pre>{@code
 * llamakit bench pipeline --recipe llama-cc --documents 40000 --chars 4000
 * llamakit bench rules --recipe fineweb english-4k.jsonl.gz
 * llamakit bench minhash --documents 100000,1000000 --parallelism 1
 * }</pre>
 */
package dev.llamakit.pipelines.bench;
