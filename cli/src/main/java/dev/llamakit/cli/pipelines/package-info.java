/**
 * The {@code llamakit pipeline} commands: {@code ccnet} (the CCNet recipe), {@code sample} (write a generated
 * corpus), {@code contamination} (Llama 2's per-item benchmark contamination report), and the pipeline benchmark.
 *
 * <pre>{@code
 * llamakit pipeline ccnet --sample
 * llamakit pipeline ccnet crawl/ --output out --languages en --dedup keep-first
 * llamakit pipeline contamination --data ../shared/data/benchmarks crawl/ -o contamination.jsonl
 * }</pre>
 */
package dev.llamakit.cli.pipelines;
