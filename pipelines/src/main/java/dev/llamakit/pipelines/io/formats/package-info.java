/**
 * The read step's input formats, one class each, registered by name in {@code formats.properties}: a format says
 * which file names it claims when the format is {@code auto} and makes a {@link dev.llamakit.pipelines.io.CorpusReader}
 * per file. Its options are a nested {@code Params} class bound from the read step's {@code format_params}, as a
 * rule's are from its step.
 *
 * <pre>{@code
 * CorpusFormat f = CorpusFormats.standard().create("jsonl", Map.of());
 * long metadata = f.reader(ReadOptions.defaults()).read(in, "part-0.jsonl", "seg", 0, sink);
 * String guessed = CorpusFormats.standard().guess("CC-MAIN-x.warc.wet.gz");   // "wet" (".warc.gz": "warc")
 * }</pre>
 */
package dev.llamakit.pipelines.io.formats;
