/**
 * The {@code llamakit pipeline} commands: {@code ccnet} (the CCNet recipe), {@code sample} (write a generated
 * corpus), and the pipeline benchmark.
 *
 * <pre>{@code
 * llamakit pipeline ccnet --sample
 * llamakit pipeline ccnet crawl/ --output out --languages en --dedup keep-first
 * }</pre>
 */
package dev.llamakit.pipelines.cli;
