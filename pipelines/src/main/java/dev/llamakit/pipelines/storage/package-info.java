/**
 * Remote storage for corpus runs: inputs, {@code --paths} bases and outputs on {@code s3://} (Beam's AWS SDK v2 file
 * system, for AWS or any S3-compatible server), and read-only {@code http(s)://} inputs ({@code storage.http}).
 * Locations stay strings ({@link dev.llamakit.pipelines.storage.Locations}); {@link
 * dev.llamakit.pipelines.storage.S3Settings} finds the endpoint and region the usual AWS way and turns them into Beam
 * arguments; {@link dev.llamakit.pipelines.storage.RemoteFiles} registers the file systems and looks files up in
 * batches; {@link dev.llamakit.pipelines.storage.StorageErrors} makes every failure one line naming the URL.
 *
 * <pre>{@code
 * List<String> args = S3Settings.resolve("http://127.0.0.1:9000", null, System.getenv()).beamArgs();
 * RemoteFiles.register(args);                                     // before inputs are resolved
 * RemoteFiles.require(List.of("s3://bucket/crawl/x.warc.wet.gz"), null);   // NoSuchFileException naming it if absent
 * }</pre>
 */
package dev.llamakit.pipelines.storage;
