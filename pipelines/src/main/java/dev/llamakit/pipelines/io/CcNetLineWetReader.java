package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.Utf8;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cc_net's own WET framing ({@code --wet-framing ccnet-lines}): the file is read line by line (universal newlines, as
 * Python reads it), a record starts at a line reading {@code WARC/1.0}, headers end at the first empty line, and the
 * body runs to the next {@code WARC/1.0} line, whatever Content-Length says. Headers are still read by name. Use it
 * for files whose Content-Length values are wrong (hand-edited or re-encoded WET, such as cc_net's own test sample);
 * the default reader ({@link WetReader}) is stricter and also handles bodies that contain a {@code WARC/1.0} line.
 *
 * <p>Bad input costs only the record it is in: a line that is not UTF-8 makes its record one {@code INVALID_UTF8}
 * drop (naming the line as an editor counts it); a record without {@code WARC-Type} or {@code WARC-Target-URI} is a
 * {@code MALFORMED_RECORD}; non-blank lines outside any record (a damaged {@code WARC/1.0} line) are one
 * {@code MALFORMED_RECORD} per run; damaged gzip is one {@code CORRUPT_GZIP} drop and reading goes on at the next
 * member; a cut gzip stream is one {@code TRUNCATED_RECORD}. What this framing cannot see, by its definition: a
 * record whose {@code WARC/1.0} line is damaged joins the record before it (as in cc_net); the default framing
 * counts it as a drop.
 */
public final class CcNetLineWetReader {
  /** The longest line read; a longer one makes its record a {@code MALFORMED_RECORD}. */
  static final int MAX_LINE_BYTES = 1 << 28;

  private final ReadOptions options;

  public CcNetLineWetReader(ReadOptions options) {
    this.options = options;
  }

  public WetReader.FileStats read(InputStream raw, String name, String segment, long fileIndex, RecordSink sink)
      throws IOException {
    Pass pass = new Pass(name, segment, fileIndex, sink);
    try (RecordInput in = RecordInput.open(raw)) {
      pass.run(in);
    }
    return new WetReader.FileStats(pass.index, pass.warcinfo);
  }

  /** Reading one file: the record being assembled and the counters. */
  private final class Pass {
    private final String name;
    private final String segment;
    private final long fileIndex;
    private final RecordSink sink;
    long index;
    long warcinfo;
    private Map<String, String> headers;
    private List<String> body;
    private boolean inHeaders;
    private DropReason bad;
    private String badDetail;
    private long strayLines;
    private long firstStray;
    private boolean strayCounted;

    Pass(String name, String segment, long fileIndex, RecordSink sink) {
      this.name = name;
      this.segment = segment;
      this.fileIndex = fileIndex;
      this.sink = sink;
    }

    void run(RecordInput in) throws IOException {
      long lineNo = 0;
      while (true) {
        try {
          byte[] line = in.readLine(MAX_LINE_BYTES);
          if (line == null) {
            break;
          }
          lineNo++;
          String text = Utf8.decodeOrNull(line, 0, line.length);
          if (text == null) {
            markBad(DropReason.INVALID_UTF8, "line " + lineNo + " is not valid UTF-8", lineNo);
            continue;
          }
          if (in.overflowed()) {
            markBad(DropReason.MALFORMED_RECORD, "line " + lineNo + " is longer than " + MAX_LINE_BYTES + " bytes",
                lineNo);
          }
          for (String part : universalLines(text)) {
            accept(PyText.strip(part), lineNo);
          }
        } catch (StreamDamage e) {
          flushStray();
          String detail = e.getMessage() + (e.truncated() ? " (truncated after record " + (index - 1) + ")" : "");
          DropReason reason = e.truncated() ? DropReason.TRUNCATED_RECORD : DropReason.CORRUPT_GZIP;
          if (headers != null && e.atMemberStart()) {
            emit(); // the damage starts a new gzip member: the record before it is whole
          }
          headers = null; // the record in progress (or the member that held the next one) is lost
          drop(null, reason, detail);
          strayCounted = true;
          if (!in.resume(e)) {
            return;
          }
        }
      }
      flushStray();
      if (headers != null) {
        emit();
      }
    }

    private void accept(String s, long lineNo) {
      if (s.equals("WARC/1.0")) {
        flushStray();
        if (headers != null) {
          emit();
        }
        headers = new LinkedHashMap<>();
        body = new ArrayList<>();
        inHeaders = true;
        bad = null;
        badDetail = null;
        strayCounted = false;
      } else if (headers == null) {
        if (!s.isEmpty() && !strayCounted && strayLines++ == 0) {
          firstStray = lineNo;
        }
      } else if (inHeaders) {
        if (s.isEmpty()) {
          inHeaders = false;
        } else {
          int colon = s.indexOf(':');
          if (colon > 0) {
            headers.putIfAbsent(s.substring(0, colon).strip(), s.substring(colon + 1).strip());
          }
        }
      } else if (!s.isEmpty()) {
        body.add(s);
      }
    }

    /** The record in progress becomes a drop for {@code reason} (the first problem wins); outside a record, stray. */
    private void markBad(DropReason reason, String detail, long lineNo) {
      if (headers == null) {
        if (!strayCounted && strayLines++ == 0) {
          firstStray = lineNo;
        }
      } else if (bad == null) {
        bad = reason;
        badDetail = detail;
      }
    }

    private void flushStray() {
      if (strayLines > 0) {
        drop(null, DropReason.MALFORMED_RECORD, strayLines + " non-blank line(s) from line " + firstStray
            + " are not part of a record (no WARC/1.0 line before them)");
        strayLines = 0;
      }
    }

    /** The assembled record: a document, a drop, or a warcinfo record. */
    private void emit() {
      Map<String, String> h = headers;
      headers = null;
      String type = h.get("WARC-Type");
      String url = h.get("WARC-Target-URI");
      if (bad != null) {
        drop(url, bad, badDetail);
      } else if ("warcinfo".equals(type)) {
        warcinfo++;
        index++;
      } else if (type == null) {
        drop(url, DropReason.MALFORMED_RECORD, "no WARC-Type header");
      } else if (!"conversion".equals(type)) {
        drop(url, DropReason.NOT_CONVERSION, "WARC-Type " + type);
      } else if (url == null || url.isBlank()) {
        drop(null, DropReason.MALFORMED_RECORD, "missing WARC-Target-URI header");
      } else {
        long length = -1;
        try {
          length = Long.parseLong(h.getOrDefault("Content-Length", "-1"));
        } catch (NumberFormatException e) {
          // cc_net would fail to parse this record; keep the document with an unknown length
        }
        sink.document(WetDocuments.of(options, name + "#" + index, (fileIndex << 40) | index, url, h.get("WARC-Date"),
            h.get("WARC-Block-Digest"), length, body, segment));
        index++;
      }
    }

    private void drop(String url, DropReason reason, String detail) {
      String id = name + "#" + index;
      index++;
      BadRecords.report(sink, options.onBadRecord(), id, url, reason, detail);
    }
  }

  /**
   * One {@code \n}-ended line split as Python's universal newlines (and {@link java.io.BufferedReader#readLine}) split
   * it: the {@code \n} or {@code \r\n} ending goes, a lone {@code \r} inside ends a line too.
   */
  static List<String> universalLines(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\n') {
      end--;
    }
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    String content = line.substring(0, end);
    return content.indexOf('\r') < 0 ? List.of(content) : List.of(content.split("\r", -1));
  }
}
