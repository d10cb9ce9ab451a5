package dev.llamakit.pipelines.io;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.text.PyText;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSONL (one JSON object per line; cc_net's own {@code .json.gz} shards too) into {@link Document}s.
 *
 * <p>The configured text field becomes {@code raw_content}; cc_net's fields ({@code url, date_download, digest,
 * title, source_domain, cc_segment}) are taken when present. A line that is not a JSON object is dropped as
 * {@code INVALID_JSON}, one without a string text field as {@code MISSING_TEXT_FIELD}, one that is not UTF-8 as
 * {@code INVALID_UTF8}; a gzip stream that ends early is one {@code TRUNCATED_RECORD}.
 */
public final class JsonlReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ReadOptions options;

  public JsonlReader(ReadOptions options) {
    this.options = options;
  }

  /** Reads every line of one JSONL stream; {@code name} names records in ids and errors ({@code name#line}). */
  public long read(InputStream raw, String name, String segment, long fileIndex, RecordSink sink) throws IOException {
    InputStream in = new BufferedInputStream(raw, 1 << 16);
    ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
    long lineNo = 0;
    while (true) {
      line.reset();
      int c;
      try {
        while ((c = in.read()) != -1 && c != '\n') {
          line.write(c);
        }
      } catch (EOFException e) {
        BadRecords.report(sink, options.onBadRecord(), name + "#" + (lineNo + 1), null, DropReason.TRUNCATED_RECORD,
            "the stream ends early: " + e.getMessage());
        return lineNo + 1;
      } catch (IOException e) {
        if (String.valueOf(e.getMessage()).toLowerCase().contains("end of")) {
          BadRecords.report(sink, options.onBadRecord(), name + "#" + (lineNo + 1), null,
              DropReason.TRUNCATED_RECORD, "the stream ends early: " + e.getMessage());
          return lineNo + 1;
        }
        throw e;
      }
      if (c == -1 && line.size() == 0) {
        return lineNo;
      }
      lineNo++;
      byte[] bytes = line.toByteArray();
      int len = bytes.length;
      if (len > 0 && bytes[len - 1] == '\r') {
        len--;
      }
      if (isBlank(bytes, len)) {
        lineNo--; // blank lines are not records
        if (c == -1) {
          return lineNo;
        }
        continue;
      }
      parse(bytes, len, name + "#" + lineNo, (fileIndex << 40) | lineNo, segment, sink);
      if (c == -1) {
        return lineNo;
      }
    }
  }

  private void parse(byte[] bytes, int len, String id, long ordinal, String segment, RecordSink sink) {
    String text = Utf8.decodeOrNull(bytes, 0, len);
    if (text == null) {
      BadRecords.report(sink, options.onBadRecord(), id, null, DropReason.INVALID_UTF8, "the line is not valid UTF-8");
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
