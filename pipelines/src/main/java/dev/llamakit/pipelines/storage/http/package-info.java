/**
 * Reading {@code http://} and {@code https://} inputs through Beam's {@code FileSystems}, which has no HTTP file
 * system of its own: {@link dev.llamakit.pipelines.storage.http.HttpFileSystem} (read-only, no listing) and its
 * registrar, found by Beam's service loader on the driver and on every worker.
 *
 * <pre>{@code
 * FileSystems.setDefaultPipelineOptions(options);   // done by every pipeline run
 * FileSystems.match(List.of("https://host/crawl/x.warc.wet.gz"));   // a HEAD request: size, or NOT_FOUND on 404
 * FileSystems.open(FileSystems.matchNewResource("https://host/crawl/x.warc.wet.gz", false));   // a streamed GET
 * }</pre>
 */
package dev.llamakit.pipelines.storage.http;
