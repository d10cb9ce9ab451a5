package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.Utf8;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads Common Crawl WET files ({@code .warc.wet}, {@code .warc.wet.gz}, multi-member gzip) and turns each
 * {@code conversion} record into a {@link dev.llamakit.pipelines.doc.Document} with cc_net's fields and body rules.
 *
 * <p>cc_net parity: body lines are split with Python's universal newlines, every line is {@code strip()}ped, empty
 * lines are dropped, the first remaining line is the {@code title} (see {@link ReadOptions#titleFromFirstLine}) and
 * the rest, joined by {@code "\n"}, is {@code raw_content}; {@code length} is the record's Content-Length and
 * {@code source_domain} Python's {@code urlparse(url).netloc}. Deliberate differences, for robustness: headers are
 * read by name, case-insensitively (cc_net reads them by position and broke when Common Crawl added headers), and a
 * record ends at its Content-Length (cc_net ends it at the next line reading {@code WARC/1.0}, even inside a body).
 * Records framed with bare {@code \n} line ends are read too.
 *
 * <p>Framing: a record is a {@code WARC/x.y} line, header lines up to a blank line, Content-Length bytes of body and a
 * blank line. When a record's framing is broken (no or a bad Content-Length, headers that never end, a body that
 * does not end where Content-Length says) the record is one {@code MALFORMED_RECORD} drop and reading
 * <em>resynchronises</em> at the next {@code WARC/1.0} line after that record's own version line, so every later
 * record is still read. Bytes that are not part of any record (a record whose version line is damaged) are one
 * {@code MALFORMED_RECORD} drop per run of such bytes. A damaged gzip member (bad CRC, bad block, damaged header)
 * is one {@code CORRUPT_GZIP} drop and reading goes on at the next member; a file that ends inside a record is one
 * {@code TRUNCATED_RECORD} drop ("truncated after record N"). Bad records whose framing is intact: a header line that
 * is not {@code Name: value} or lacks {@code WARC-Type} or {@code WARC-Target-URI} ({@code MALFORMED_RECORD}), a
 * body or header that is not UTF-8 ({@code INVALID_UTF8}), another record type ({@code NOT_CONVERSION}; warcinfo
 * records are metadata and not counted as documents). Each becomes a named drop, or a {@link BadRecordException}
 * under {@link BadRecordPolicy#FAIL}. Every record index of a file ends as exactly one document, drop or warcinfo.
 */
public final class WetReader {
  /** The longest header line read (a WARC-Target-URI is far shorter). */
  static final int MAX_HEADER_LINE = 1 << 16;
  /** The most header bytes a record may have before its blank line. */
  static final int MAX_HEADER_BYTES = 1 << 20;
  /** The largest Content-Length accepted (256 MiB, as {@link dev.llamakit.engine.io.TextLines} bounds a line). */
  static final long MAX_BODY_BYTES = 1L << 28;

  private final ReadOptions options;
  private final Records records;

  public WetReader(ReadOptions options) {
    this.options = options;
    this.records = this::conversion;
  }

  /** Reads WARC framing with another record rule (the WARC reader's: response records to documents). */
  WetReader(ReadOptions options, Records records) {
    this.options = options;
    this.records = records;
  }

  /** Turns one record whose framing and headers are intact and that has a WARC-Type into its outcome. */
  @FunctionalInterface
  interface Records {
    void record(Map<String, String> headers, String type, byte[] buf, int off, int len, Outcome out);
  }

  /** Where a record's outcome goes: exactly one call per record. */
  interface Outcome {
    /** The record's id ({@code name#index}). */
    String id();

    /** The record's ordinal ({@code fileIndex << 40 | index}). */
    long ordinal();

    /** The file's {@code cc_segment}. */
    String segment();

    void document(Document d);

    void drop(String url, DropReason reason, String detail);

    /** A record that is by design neither document nor drop (warcinfo). */
    void metadata();
  }

  /** WET's rule: conversion records are documents, warcinfo records metadata, others {@code NOT_CONVERSION}. */
  private void conversion(Map<String, String> h, String type, byte[] buf, int off, int len, Outcome out) {
    String url = h.get("WARC-Target-URI");
    if ("warcinfo".equals(type)) {
      out.metadata();
    } else if (!"conversion".equals(type)) {
      out.drop(url, DropReason.NOT_CONVERSION, "WARC-Type " + type + " (a WET file holds conversion records)");
    } else if (url == null || url.isBlank()) {
      out.drop(null, DropReason.MALFORMED_RECORD, "missing WARC-Target-URI header");
    } else {
      String text = Utf8.decodeOrNull(buf, off, len);
      if (text == null) {
        out.drop(url, DropReason.INVALID_UTF8, "the body is not valid UTF-8");
        return;
      }
      out.document(WetDocuments.of(options, out.id(), out.ordinal(), url, h.get("WARC-Date"),
          h.get("WARC-Block-Digest"), len, bodyLines(text), out.segment()));
    }
  }

  /** Counts of a file's records: every index below {@code records} became one document, one drop or a warcinfo. */
  public record FileStats(long records, long warcinfo) {}

  /**
   * Reads every record of one WET stream.
   *
   * @param name the file's name, used in record ids ({@code name#index}) and errors
   * @param segment the {@code cc_segment} value (the file's path relative to the crawl, or its name)
   * @param fileIndex the file's position in the run's input list (documents' {@code ordinal} = fileIndex << 40 | record)
   */
  public FileStats read(InputStream in, String name, String segment, long fileIndex, RecordSink sink) throws IOException {
    Pass pass = new Pass(name, segment, fileIndex, sink);
    try (RecordInput input = RecordInput.open(in)) {
      pass.run(input);
    }
    return new FileStats(pass.index, pass.warcinfo);
  }

  /** Reading one file: the record counter and the resynchronisation state. */
  private final class Pass implements Outcome {
    private final String name;
    private final String segment;
    private final long fileIndex;
    private final RecordSink sink;
    long index;
    long warcinfo;

    Pass(String name, String segment, long fileIndex, RecordSink sink) {
      this.name = name;
      this.segment = segment;
      this.fileIndex = fileIndex;
      this.sink = sink;
    }

    void run(RecordInput in) throws IOException {
      boolean counted = false; // the bytes up to the next version line belong to a record already counted
      while (true) {
        try {
          boolean found = skipToVersionLine(in);
          if (skippedLines > 0 && !counted) {
            drop(null, DropReason.MALFORMED_RECORD, skippedLines + " line(s) " + (found ? "before the next WARC/1.0 "
                + "line" : "at the end of the file") + " are not part of a record (a damaged record start)");
          }
          if (!found) {
            return;
          }
          counted = !readRecord(in);
        } catch (StreamDamage e) {
          // nothing of the unit being read was counted yet: the record in progress, or the data between records
          drop(null, e.truncated() ? DropReason.TRUNCATED_RECORD : DropReason.CORRUPT_GZIP, e.getMessage()
              + (e.truncated() ? " (truncated after record " + (index - 1) + ")" : ""));
          counted = true;
          if (!in.resume(e)) {
            return;
          }
        }
      }
    }

    private long skippedLines;

    /** Skips to just after the next {@code WARC/x.y} line (false at the end), counting the non-blank lines skipped. */
    private boolean skipToVersionLine(RecordInput in) throws IOException {
      skippedLines = 0;
      for (byte[] line; (line = in.readLine(64)) != null; ) {
        if (!in.overflowed() && isVersionLine(line, 0, line.length)) {
          return true;
        }
        if (!isBlank(line)) {
          skippedLines++;
        }
      }
      return false;
    }

    /** Reads one record after its version line; false when its framing was broken and its bytes were put back. */
    private boolean readRecord(RecordInput in) throws IOException {
      in.startRecording();
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      DropReason badReason = null;
      String badDetail = null;
      int headerBytes = 0;
      int lineNo = 1;
      String continued = null;
      while (true) {
        byte[] line = in.readLine(MAX_HEADER_LINE);
        if (line == null) {
          drop(headers.get("WARC-Target-URI"), DropReason.TRUNCATED_RECORD,
              "the file ends inside the record's headers (truncated after record " + (index - 1) + ")");
          in.stopRecording();
          return true;
        }
        lineNo++;
        headerBytes += line.length;
        if (isBlank(line)) {
          break;
        }
        if (in.overflowed() || headerBytes > MAX_HEADER_BYTES) {
          return rewound(in, DropReason.MALFORMED_RECORD, in.overflowed()
              ? "header line " + lineNo + " is longer than " + MAX_HEADER_LINE + " bytes"
              : "the headers run past " + MAX_HEADER_BYTES + " bytes without a blank line");
        }
        String text = Utf8.decodeOrNull(line, 0, contentLength(line));
        if (text == null) {
          if (badReason == null) {
            badReason = DropReason.INVALID_UTF8;
            badDetail = "header line " + lineNo + " is not valid UTF-8";
          }
          continued = null;
          continue;
        }
        if (!text.isEmpty() && (text.charAt(0) == ' ' || text.charAt(0) == '\t') && continued != null) {
          headers.put(continued, (headers.get(continued) + " " + text.strip()).strip());
          continue;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || text.substring(0, colon).isBlank()) {
          if (badReason == null) {
            badReason = DropReason.MALFORMED_RECORD;
            badDetail = "header line " + lineNo + " is not 'Name: value': " + abbreviate(text);
          }
          continued = null;
          continue;
        }
        String key = text.substring(0, colon).strip();
        continued = headers.putIfAbsent(key, text.substring(colon + 1).strip()) == null ? key : null;
      }
      String cl = headers.get("Content-Length");
      if (cl == null) {
        return rewound(in, DropReason.MALFORMED_RECORD, "no Content-Length header");
      }
      long length = parseLength(cl);
      if (length < 0) {
        return rewound(in, DropReason.MALFORMED_RECORD, "Content-Length '" + abbreviate(cl) + "' is not a byte count");
      }
      if (length > MAX_BODY_BYTES) {
        return rewound(in, DropReason.MALFORMED_RECORD, "Content-Length " + length + " is over the limit of "
            + MAX_BODY_BYTES + " bytes");
      }
      int bodyStart = in.recordedLength();
      int got = in.recordBytes((int) length);
      if (got < length) {
        if (hasVersionLine(in.recorded(), in.recordedLength())) {
          return rewound(in, DropReason.MALFORMED_RECORD, "Content-Length " + length
              + " runs past the end of the file, over later records");
        }
        drop(headers.get("WARC-Target-URI"), DropReason.TRUNCATED_RECORD, "the file ends inside the record: the body "
            + "has " + got + " of " + length + " bytes (truncated after record " + (index - 1) + ")");
        in.stopRecording();
        return true;
      }
      if (!endsRecord(in)) {
        return rewound(in, DropReason.MALFORMED_RECORD, "Content-Length " + length
            + " does not end the record (no blank line after the body)");
      }
      emit(headers, badReason, badDetail, in.recorded(), bodyStart, (int) length);
      in.stopRecording();
      return true;
    }

    /** A record whose framing is intact: one document, one drop, or a warcinfo record. */
    private void emit(Map<String, String> h, DropReason badReason, String badDetail, byte[] buf, int off, int len) {
      String url = h.get("WARC-Target-URI");
      String type = h.get("WARC-Type");
      if (badReason != null) {
        drop(url, badReason, badDetail);
      } else if (type == null) {
        drop(url, DropReason.MALFORMED_RECORD, "no WARC-Type header");
      } else {
        records.record(h, type, buf, off, len, this);
      }
    }

    @Override
    public String id() {
      return name + "#" + index;
    }

    @Override
    public long ordinal() {
      return (fileIndex << 40) | index;
    }

    @Override
    public String segment() {
      return segment;
    }

    @Override
    public void document(Document d) {
      sink.document(d);
      index++;
    }

    @Override
    public void metadata() {
      warcinfo++;
      index++;
    }

    /** Counts the record as a drop, puts its bytes back and lets reading resume at the next version line. */
    private boolean rewound(RecordInput in, DropReason reason, String detail) {
      in.rewind();
      drop(null, reason, detail);
      return false;
    }

    @Override
    public void drop(String url, DropReason reason, String detail) {
      String id = name + "#" + index;
      index++;
      BadRecords.report(sink, options.onBadRecord(), id, url, reason, detail);
    }
  }

  /** After the body: two line ends (CRLF or LF), or the end of the file. */
  private static boolean endsRecord(RecordInput in) throws IOException {
    for (int i = 0; i < 2; i++) {
      int b = in.read();
      if (b == '\r') {
        b = in.read();
      }
      if (b < 0) {
        return true;
      }
      if (b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** {@code WARC/} digits {@code .} digits, then only whitespace: {@code line[from, to)} (line end included or not). */
  static boolean isVersionLine(byte[] line, int from, int to) {
    int n = to;
    while (n > from && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r' || line[n - 1] == '\n')) {
      n--;
    }
    if (n - from < 8 || line[from] != 'W' || line[from + 1] != 'A' || line[from + 2] != 'R' || line[from + 3] != 'C'
        || line[from + 4] != '/') {
      return false;
    }
    int i = from + 5;
    int major = i;
    while (i < n && line[i] >= '0' && line[i] <= '9') {
      i++;
    }
    if (i == major || i >= n || line[i] != '.') {
      return false;
    }
    int minor = ++i;
    while (i < n && line[i] >= '0' && line[i] <= '9') {
      i++;
    }
    return i > minor && i == n;
  }

  /** Whether {@code bytes} hold a version line at the start of a line. */
  private static boolean hasVersionLine(byte[] bytes, int len) {
    int start = 0;
    while (start < len) {
      int end = start;
      while (end < len && bytes[end] != '\n') {
        end++;
      }
      if (isVersionLine(bytes, start, Math.min(end + 1, len))) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /** The line's length without its trailing {@code \n} or {@code \r\n}. */
  private static int contentLength(byte[] line) {
    int n = line.length;
    if (n > 0 && line[n - 1] == '\n') {
      n--;
    }
    if (n > 0 && line[n - 1] == '\r') {
      n--;
    }
    return n;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  /** A Content-Length value: 1 to 18 ASCII digits, else -1. */
  private static long parseLength(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  /** cc_net's body lines: universal newlines, each line Python-{@code strip()}ped, empty lines dropped. */
  static List<String> bodyLines(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      char c = i < n ? text.charAt(i) : '\n';
      if (c == '\n' || c == '\r') {
        String line = PyText.strip(text.substring(start, i));
        if (!line.isEmpty()) {
          out.add(line);
        }
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    return out;
  }
}
