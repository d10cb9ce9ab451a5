/**
 * The read step's input formats, one class each, registered by name in {@code formats.properties}: a format says
 * which file names it claims when the format is {@code auto} and makes a {@link dev.llamakit.pipelines.io.CorpusReader}
 * per file. Its options are a nested {@code Params} class bound from the read step's {@code format_params}, as a
 * rule's are from its step. Formats: {@code wet}, {@code jsonl} (llamakit's and cc_net's shards read back, a
 * record's id and other fields kept), {@code github} (JSONL of source files) and {@code code} (a folder or git
 * checkout, a document per file: a {@link dev.llamakit.pipelines.io.CorpusFormat#tree() tree} format).
 *
 * <p>The formats: {@code wet} and {@code jsonl} (web pages), {@code text} (one plain-text file = one document: books),
 * {@code latex} (arXiv: a {@code .tex} or a tar of papers, flattened from each main file) and {@code wikipedia}
 * (MediaWiki XML dumps, streamed with StAX). The text formats share {@code Decompression}: gzip/bzip2 by magic bytes
 * and every decompressed byte counted against a limit (and, for dumps, a compression ratio), so a compression bomb is
 * a named drop, never a full disk or heap.
 *
 * <pre>{@code
 * CorpusFormat f = CorpusFormats.standard().create("jsonl", Map.of());
 * long metadata = f.reader(ReadOptions.defaults()).read(in, "part-0.jsonl", "seg", 0, sink);
 * String guessed = CorpusFormats.standard().guess("CC-MAIN-x.warc.wet.gz");   // "wet" (".warc.gz": "warc")
 * CorpusReader code = CorpusFormats.standard().create("code", Map.of("license", "MIT"))
 *     .reader(ReadOptions.defaults(), "/src/zlib/inflate.c");               // looks beside the file
 * }</pre>
 */
package dev.llamakit.pipelines.io.formats;
