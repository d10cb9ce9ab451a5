package dev.llamakit.pipelines.io;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: the JSONL corpus reader fuzzed in the suite, plain and gzipped seeds in cc_net's and dolma's shapes.
 * Contract: {@link ReaderContract} (a JSONL file has no warcinfo; its record count is documents + drops).
 */
class JsonlFuzzTest {
  @Test
  void jsonlCorpusReader() throws IOException {
    String ccnet = """
        {"url":"http://a.example/x","date_download":"2019-03-18T00:00:00Z","digest":"sha1:AB","length":11,\
        "nlines":2,"source_domain":"a.example","title":"T","text":"hello\\nworld","cc_segment":"s"}
        {"url":"http://b.example/","text":"caf\u00e9 \u4e2d\u6587 \\ud83d\\ude00","title":null}

        {"text":"after a blank line"}
        """;
    String dolma = """
        {"id":"d1","text":"First document.\\nSecond line.","source":"common-crawl","metadata":{"url":"http://c.example/"}}
        {"id":"d2","text":"","added":"2023-01-01"}
        """;
    List<byte[]> seeds = List.of(ccnet.getBytes(StandardCharsets.UTF_8), dolma.getBytes(StandardCharsets.UTF_8),
        WetSample.gzip(dolma.getBytes(StandardCharsets.UTF_8)));
    FuzzRun.of("jsonl", ".jsonl", seeds)
        .rejectsWith(BadRecordException.class)
        .run(f -> ReaderContract.check((o, in, name, sink) -> {
          // the contract's ids are file#line: read without id_field (records named by their own ids, which may
          // repeat in mutated input, are JsonlReaderTest's and JsonlRoundTripTest's subject); other fields are kept
          ReadOptions byLine = new ReadOptions(o.titleFromFirstLine(), o.textField(), null, o.urlField(),
              o.onBadRecord());
          long records = new JsonlReader(byLine).read(in, name, "seg", 0, sink);
          return new long[] {records, 0, Long.MAX_VALUE}; // ids are line numbers
        }, f))
        .assertContract();
  }
}
