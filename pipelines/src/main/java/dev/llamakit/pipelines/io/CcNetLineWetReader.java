package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * cc_net's own WET framing ({@code --wet-framing ccnet-lines}): the file is read line by line, a record starts at a
 * line reading {@code WARC/1.0}, headers end at the first empty line, and the body runs to the next {@code WARC/1.0}
 * line, whatever Content-Length says. Headers are still read by name. Use it for files whose Content-Length values
 * are wrong (hand-edited or re-encoded WET, such as cc_net's own test sample); the default jwarc reader
 * ({@link WetReader}) is stricter and also handles bodies that contain a {@code WARC/1.0} line.
 */
public final class CcNetLineWetReader {
  private final ReadOptions options;

  public CcNetLineWetReader(ReadOptions options) {
    this.options = options;
  }

  public WetReader.FileStats read(InputStream raw, String name, String segment, long fileIndex, RecordSink sink)
      throws IOException {
    PushbackInputStream peek = new PushbackInputStream(raw, 2);
    int b0 = peek.read();
    int b1 = peek.read();
    if (b1 >= 0) {
      peek.unread(b1);
    }
    if (b0 >= 0) {
      peek.unread(b0);
    }
    InputStream in = b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(peek, 1 << 16) : peek;
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    long index = 0;
    long warcinfo = 0;
    Map<String, String> headers = null;
    List<String> body = new ArrayList<>();
    boolean inHeaders = false;
    try {
      for (String line; (line = r.readLine()) != null; ) {
        String s = PyText.strip(line);
        if (s.equals("WARC/1.0")) {
          if (headers != null) {
            warcinfo += emit(headers, body, name + "#" + index, (fileIndex << 40) | index, segment, sink);
            index++;
          }
          headers = new LinkedHashMap<>();
          body = new ArrayList<>();
          inHeaders = true;
        } else if (headers == null) {
          continue; // bytes before the first record
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
    } catch (java.nio.charset.CharacterCodingException e) {
      BadRecords.report(sink, options.onBadRecord(), name + "#" + index, null, DropReason.INVALID_UTF8,
          "not valid UTF-8; the rest of the file is skipped");
      return new WetReader.FileStats(index + 1, warcinfo);
    } catch (java.io.EOFException e) {
      BadRecords.report(sink, options.onBadRecord(), name + "#" + index, null, DropReason.TRUNCATED_RECORD,
          "the file ends early: " + e.getMessage());
      return new WetReader.FileStats(index + 1, warcinfo);
    }
    if (headers != null) {
      warcinfo += emit(headers, body, name + "#" + index, (fileIndex << 40) | index, segment, sink);
      index++;
    }
    return new WetReader.FileStats(index, warcinfo);
  }

  /** Returns 1 for a warcinfo record (not a document), else 0 after emitting a document or a drop. */
  private int emit(Map<String, String> h, List<String> body, String id, long ordinal, String segment, RecordSink sink) {
    String type = h.get("WARC-Type");
    if ("warcinfo".equals(type)) {
      return 1;
    }
    String url = h.get("WARC-Target-URI");
    if (!"conversion".equals(type)) {
      BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.NOT_CONVERSION, "WARC-Type " + type);
      return 0;
    }
    if (url == null || url.isBlank()) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.MALFORMED_RECORD,
          "missing WARC-Target-URI header");
      return 0;
    }
    long length = -1;
    try {
      length = Long.parseLong(h.getOrDefault("Content-Length", "-1"));
    } catch (NumberFormatException e) {
      // cc_net would fail to parse this record; keep the document with an unknown length
    }
    sink.document(WetDocuments.of(options, id, ordinal, url, h.get("WARC-Date"), h.get("WARC-Block-Digest"), length,
        body, segment));
    return 0;
  }
}
