package dev.llamakit.pipelines.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A real WET file of the repository ({@code samples/ccnet/multilingual-00000.warc.wet.gz}, Common Crawl's framing,
 * 501 records) as uncompressed records, to damage one of them and compare what a reader makes of the rest.
 */
final class WetSample {
  static final Path FILE = Path.of("../samples/ccnet/multilingual-00000.warc.wet.gz");

  private WetSample() {}

  /** The uncompressed file, split into its records (each from its {@code WARC/1.0} line to the next). */
  static List<byte[]> records(int count) throws IOException {
    byte[] plain;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(FILE))) {
      plain = in.readAllBytes();
    }
    byte[] marker = "WARC/1.0\r\n".getBytes(StandardCharsets.US_ASCII);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i + marker.length <= plain.length && starts.size() <= count; i++) {
      if ((i == 0 || plain[i - 1] == '\n') && Arrays.equals(plain, i, i + marker.length, marker, 0, marker.length)) {
        starts.add(i);
      }
    }
    List<byte[]> out = new ArrayList<>();
    for (int k = 0; k < Math.min(count, starts.size()); k++) {
      int end = k + 1 < starts.size() ? starts.get(k + 1) : plain.length;
      out.add(Arrays.copyOfRange(plain, starts.get(k), end));
    }
    return out;
  }

  /** The records one after another, uncompressed. */
  static byte[] plain(List<byte[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    records.forEach(out::writeBytes);
    return out.toByteArray();
  }

  /** The records as Common Crawl stores them: one gzip member each. */
  static byte[] gzipMembers(List<byte[]> records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] r : records) {
      out.writeBytes(gzip(r));
    }
    return out.toByteArray();
  }

  /** Where each record's gzip member starts in {@link #gzipMembers}, and (last) the file's length. */
  static int[] memberOffsets(List<byte[]> records) throws IOException {
    int[] at = new int[records.size() + 1];
    for (int i = 0; i < records.size(); i++) {
      at[i + 1] = at[i] + gzip(records.get(i)).length;
    }
    return at;
  }

  static byte[] gzip(byte[] b) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(b);
    }
    return out.toByteArray();
  }

  /** {@code record} with the first occurrence of {@code from} replaced by {@code to}. */
  static byte[] replace(byte[] record, String from, String to) {
    String s = new String(record, StandardCharsets.ISO_8859_1);
    int at = s.indexOf(from);
    if (at < 0) {
      throw new IllegalArgumentException("'" + from + "' is not in the record");
    }
    return (s.substring(0, at) + to + s.substring(at + from.length())).getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code record} with its Content-Length value changed by {@code change}. */
  static byte[] withLength(byte[] record, java.util.function.LongUnaryOperator change) {
    String s = new String(record, StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("Content-Length: (\\d+)").matcher(s);
    if (!m.find()) {
      throw new IllegalArgumentException("no Content-Length in the record");
    }
    long v = change.applyAsLong(Long.parseLong(m.group(1)));
    return (s.substring(0, m.start(1)) + v + s.substring(m.end(1))).getBytes(StandardCharsets.ISO_8859_1);
  }

  static CollectingSink readNative(byte[] file, ReadOptions o) throws IOException {
    CollectingSink s = new CollectingSink();
    new WetReader(o).read(new ByteArrayInputStream(file), "s.warc.wet", "seg", 0, s);
    return s;
  }

  static CollectingSink readLines(byte[] file, ReadOptions o) throws IOException {
    CollectingSink s = new CollectingSink();
    new CcNetLineWetReader(o).read(new ByteArrayInputStream(file), "s.warc.wet", "seg", 0, s);
    return s;
  }
}
