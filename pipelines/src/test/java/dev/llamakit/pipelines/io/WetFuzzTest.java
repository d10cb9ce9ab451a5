package dev.llamakit.pipelines.io;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: WET, both framings, fuzzed in the suite (a few seconds each; the long local mode is
 * {@code -Dllamakit.fuzz.inputs=10000}). Seeds: the real Common Crawl page of {@code samples/ccnet}, four records of
 * the multilingual sample plain and gzip-per-record, and a small file with a warcinfo and LF-only framing. Contract:
 * {@link ReaderContract} — never an exception under skip, accounting exact, fail names file and record.
 */
class WetFuzzTest {
  static List<byte[]> seeds() throws IOException {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Files.readAllBytes(Path.of("../samples/ccnet/whirlwind.warc.wet.gz")));
    List<byte[]> four = WetSample.records(5).subList(0, 5);
    seeds.add(WetSample.plain(four));
    seeds.add(WetSample.gzipMembers(four));
    String mixed = WetReaderTest.raw("WARC-Type: conversion\r\nWARC-Target-URI: http://a.example/\r\n", "t\nbody\n")
        + WetReaderTest.raw("WARC-Type: warcinfo\r\n", "isPartOf: x\r\n")
        + "WARC/1.0\nWARC-Type: conversion\nWARC-Target-URI: http://lf.example/\nContent-Length: 7\n\nt\nlf\n\n\n\n";
    seeds.add(mixed.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return seeds;
  }

  @Test
  void contentLengthFraming() throws IOException {
    FuzzRun.of("wet", ".warc.wet", seeds())
        .rejectsWith(BadRecordException.class)
        .run(f -> ReaderContract.check((o, in, name, sink) -> {
          WetReader.FileStats s = new WetReader(o).read(in, name, "seg", 0, sink);
          return new long[] {s.records(), s.warcinfo(), s.records()};
        }, f))
        .assertContract();
  }

  @Test
  void ccNetLineFraming() throws IOException {
    FuzzRun.of("wet-ccnet-lines", ".warc.wet", seeds())
        .rejectsWith(BadRecordException.class)
        .run(f -> ReaderContract.check((o, in, name, sink) -> {
          WetReader.FileStats s = new CcNetLineWetReader(o).read(in, name, "seg", 0, sink);
          return new long[] {s.records(), s.warcinfo(), s.records()};
        }, f))
        .assertContract();
  }
}
