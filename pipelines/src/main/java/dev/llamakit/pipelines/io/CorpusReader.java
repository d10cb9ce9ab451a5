package dev.llamakit.pipelines.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one input stream of some corpus format into documents and named drops. A reader is made per file by its
 * {@link CorpusFormat}; it need not be thread-safe.
 */
@FunctionalInterface
public interface CorpusReader {
  /**
   * Reads every record of {@code raw} (gzipped or not, as the format allows) into {@code sink}: each record becomes
   * one document or one drop under a named reason, so accounting holds.
   *
   * @param name the file name: records are named {@code name#...} in ids and errors
   * @param segment the {@code cc_segment} value for documents that carry none of their own
   * @param fileIndex the file's position in the input list; documents' ordinals are {@code fileIndex << 40 | n}
   * @return the records read that are by design neither documents nor drops (a WARC's {@code warcinfo} records, a
   *     dump's site header): counted apart in the report
   */
  long read(InputStream raw, String name, String segment, long fileIndex, RecordSink sink) throws IOException;
}
