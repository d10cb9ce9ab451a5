/**
 * Reading and writing corpora: WET, WARC ({@link dev.llamakit.pipelines.io.WarcReader}: HTML responses to main-content
 * text, on the WET reader's framing) and JSONL readers that turn records into documents or named drops (a damaged
 * record costs only itself: the WET reader resynchronises at the next record, gzip at the next member),
 * input resolution (files, folders, globs, {@code wet.paths.gz}; local, {@code s3://} or {@code http(s)://}, see
 * {@code storage}), and writers for cc_net JSON, WET and WARC ({@link dev.llamakit.pipelines.io.WarcWriter}, for tests and
 * benchmarks).
 *
 * <pre>{@code
 * new WetReader(ReadOptions.defaults()).read(in, "seg.warc.wet.gz", "seg", 0, sink);   // documents + drops to sink
 * new WarcReader(ReadOptions.defaults()).read(in, "seg.warc.gz", "seg", 0, sink);     // HTML pages -> documents
 * List<InputFile> files = new InputResolver(null).resolve(List.of("data/"), null, null);
 * List<InputFile> cc = new InputResolver(null).resolve(List.of(), Path.of("wet.paths.gz"), "https://data.commoncrawl.org");
 * }</pre>
 */
package dev.llamakit.pipelines.io;
