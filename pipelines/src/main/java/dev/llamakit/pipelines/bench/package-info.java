/**
 * Benchmarks of the corpus pipelines: the CCNet recipe on the embedded runner against the same steps in a plain
 * single-threaded loop ({@link dev.llamakit.pipelines.bench.PlainLoop}), on a generated deterministic corpus.
 *
 * <pre>{@code
 * llamakit bench pipeline --documents 200000 --chars 4000
 * }</pre>
 */
package dev.llamakit.pipelines.bench;
