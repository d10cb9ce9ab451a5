package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.Utf8;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSONL (one JSON object per line; cc_net's own {@code .json.gz} shards too, gzip recognised by its magic bytes)
 * into {@link Document}s.
 *
 * <p>The configured text field becomes {@code raw_content}; cc_net's fields ({@code url, date_download, digest,
 * title, source_domain, cc_segment}) are taken when present. Records are named {@code name#line} with the line
 * number as an editor counts it (blank lines count, but are not records). A line that is not a JSON object is dropped
 * as {@code INVALID_JSON}, one without a string text field as {@code MISSING_TEXT_FIELD}, one that is not UTF-8 as
 * {@code INVALID_UTF8} (that line only); a gzip stream that ends early is one {@code TRUNCATED_RECORD}, damaged gzip
 * data one {@code CORRUPT_GZIP} (reading goes on at the next gzip member, if any; the lost data takes one line
 * number, so later line numbers are those of the readable data).
 */
public final class JsonlReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ReadOptions options;

  public JsonlReader(ReadOptions options) {
    this.options = options;
  }

  /**
   * Reads every line of one JSONL stream (gzipped or not); {@code name} names records in ids and errors
   * ({@code name#line}). Returns the number of records: documents plus drops.
   */
  public long read(InputStream raw, String name, String segment, long fileIndex, RecordSink sink) throws IOException {
    long lineNo = 0;
    long records = 0;
    try (RecordInput in = RecordInput.open(raw)) {
      while (true) {
        byte[] line;
        try {
          line = in.readLine(TextLines.MAX_LINE_BYTES);
        } catch (StreamDamage e) {
          records++;
          lineNo++; // the lost data takes a line number of its own: ids stay distinct
          BadRecords.report(sink, options.onBadRecord(), name + "#" + lineNo, null,
              e.truncated() ? DropReason.TRUNCATED_RECORD : DropReason.CORRUPT_GZIP,
              "line " + lineNo + ": " + e.getMessage());
          if (!in.resume(e)) {
            return records;
          }
          continue;
        }
        if (line == null) {
          return records;
        }
        lineNo++;
        int len = line.length;
        if (len > 0 && line[len - 1] == '\n') {
          len--;
        }
        if (len > 0 && line[len - 1] == '\r') {
          len--;
        }
        if (isBlank(line, len)) {
          continue; // blank lines are not records
        }
        records++;
        String id = name + "#" + lineNo;
        if (in.overflowed()) {
          BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_JSON,
              "line " + lineNo + " is longer than " + TextLines.MAX_LINE_BYTES + " bytes");
          continue;
        }
        parse(line, len, id, lineNo, (fileIndex << 40) | lineNo, segment, sink);
      }
    }
  }

  private void parse(byte[] bytes, int len, String id, long lineNo, long ordinal, String segment, RecordSink sink) {
    String text = Utf8.decodeOrNull(bytes, 0, len);
    if (text == null) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_UTF8,
          "line " + lineNo + " is not valid UTF-8 (at byte " + Utf8.firstMalformed(bytes, 0, len) + " of the line)");
      return;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonParseException e) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_JSON,
          e.getOriginalMessage());
      return;
    } catch (IOException e) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_JSON, e.getMessage());
      return;
    }
    if (node == null || !node.isObject()) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_JSON, "not a JSON object");
      return;
    }
    String url = str(node, options.urlField());
    JsonNode t = node.get(options.textField());
    if (t == null || !t.isTextual()) {
      BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.MISSING_TEXT_FIELD,
          "no string field '" + options.textField() + "'");
      return;
    }
    String content = t.asText();
    String digest = str(node, "digest");
    if (digest == null) {
      digest = str(node, options.idField());
    }
    String domain = str(node, "source_domain");
    int nlines = content.isEmpty() ? 0 : content.split("\n", -1).length;
    sink.document(Document.read(id, ordinal, url, str(node, "date_download"), digest, PyText.len(content), nlines,
        domain != null ? domain : UrlParts.netloc(url), str(node, "title"), content,
        str(node, "cc_segment") != null ? str(node, "cc_segment") : segment));
  }

  private static String str(JsonNode node, String field) {
    if (field == null) {
      return null;
    }
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static boolean isBlank(byte[] b, int len) {
    for (int i = 0; i < len; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }
}
