package dev.llamakit.pipelines.io;

import dev.llamakit.engine.io.Utf8;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import dev.llamakit.pipelines.doc.RawJson;
import dev.llamakit.pipelines.doc.Signals;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads JSONL (one JSON object per line; cc_net's own {@code .json.gz} shards too, gzip recognised by its magic bytes)
 * into {@link Document}s.
 *
 * <p>The configured text field becomes {@code raw_content} (a record without it whose {@code raw_content} is a
 * string — llamakit's and cc_net's own shards — is read from that, so shards read back without flags); cc_net's
 * fields ({@code url, date_download, digest, length, title, source_domain, cc_segment}, and {@code original_nlines,
 * original_length, line_ids}, {@code language, language_score}, {@code safety_score, safety_category} when well
 * typed) are taken when present. A record with its own id ({@code id_field}) is named by it; every other field
 * rides through as a signal in the record's order ({@link ReadOptions#keepFields}) and is written back out, nested
 * values as their JSON text ({@link RawJson}), so a shard read and written again keeps its fields and their order.
 * Records without an id are named {@code name#line} with the line number as an editor counts it (blank lines count,
 * but are not records). A line that is not a JSON object is dropped
 * as {@code INVALID_JSON}, one without a string text field as {@code MISSING_TEXT_FIELD}, one that is not UTF-8 as
 * {@code INVALID_UTF8} (that line only); a gzip stream that ends early is one {@code TRUNCATED_RECORD}, damaged gzip
 * data one {@code CORRUPT_GZIP} (reading goes on at the next gzip member, if any; the lost data takes one line
 * number, so later line numbers are those of the readable data).
 */
public final class JsonlReader {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RAW_CONTENT = "raw_content";
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
    String textField = options.textField();
    JsonNode t = node.get(textField);
    if (t == null && node.get(RAW_CONTENT) != null) {
      textField = RAW_CONTENT; // llamakit's and cc_net's own shards read back without flags
      t = node.get(RAW_CONTENT);
    }
    if (t == null || !t.isTextual()) {
      BadRecords.report(sink, options.onBadRecord(), id, url, DropReason.MISSING_TEXT_FIELD,
          "no string field '" + options.textField() + "'");
      return;
    }
    String own = options.idField() == null ? null : str(node, options.idField());
    if (own != null && !own.isEmpty()) {
      id = own;
    }
    String content = t.asText();
    JsonNode given = node.get("length");
    long length = given != null && given.isIntegralNumber() && given.canConvertToLong() ? given.asLong()
        : PyText.len(content);
    String domain = str(node, "source_domain");
    int nlines = content.isEmpty() ? 0 : content.split("\n", -1).length;
    Document d = new Document(id, ordinal, url, str(node, "date_download"), str(node, "digest"), length, nlines,
        domain != null ? domain : UrlParts.netloc(url), str(node, "title"), content,
        str(node, "cc_segment") != null ? str(node, "cc_segment") : segment, null, dedup(node), language(node),
        safety(node), Signals.EMPTY);
    if (options.keepFields()) {
      d = d.withSignals(rest(node, textField, d));
    }
    sink.document(d);
  }

  /** cc_net's {@code original_nlines, original_length, line_ids} when all three are there and well typed. */
  private static Document.Dedup dedup(JsonNode node) {
    JsonNode on = node.get("original_nlines");
    JsonNode ol = node.get("original_length");
    JsonNode ids = node.get("line_ids");
    if (on == null || !on.canConvertToInt() || !on.isIntegralNumber() || ol == null || !ol.isIntegralNumber()
        || ids == null || !ids.isArray()) {
      return null;
    }
    int[] lineIds = new int[ids.size()];
    for (int i = 0; i < lineIds.length; i++) {
      JsonNode x = ids.get(i);
      if (!x.isIntegralNumber() || !x.canConvertToInt()) {
        return null;
      }
      lineIds[i] = x.asInt();
    }
    return new Document.Dedup(on.asInt(), ol.asLong(), lineIds);
  }

  private static Document.Language language(JsonNode node) {
    JsonNode l = node.get("language");
    JsonNode s = node.get("language_score");
    return l != null && l.isTextual() && s != null && s.isNumber() ? new Document.Language(l.asText(), s.asDouble())
        : null;
  }

  private static Document.Safety safety(JsonNode node) {
    JsonNode s = node.get("safety_score");
    JsonNode c = node.get("safety_category");
    return s != null && s.isNumber() && (c == null || c.isTextual())
        ? new Document.Safety(s.asDouble(), c == null ? null : c.asText()) : null;
  }

  /**
   * The record's other fields as signals, in the record's order: every field that the document does not already
   * carry as one of cc_net's fields. Strings, longs, doubles, booleans and string arrays keep their type (rules can
   * read them); any other value is kept as its JSON text ({@link RawJson}).
   */
  private Signals rest(JsonNode node, String textField, Document d) {
    Signals s = Signals.EMPTY;
    for (var it = node.properties().iterator(); it.hasNext(); ) {
      var e = it.next();
      String k = e.getKey();
      if (k.equals(textField) || k.equals(options.urlField()) || carried(k, d)) {
        continue;
      }
      s = s.with(k, value(e.getValue()));
    }
    return s;
  }

  /** Whether field {@code k} is one the document carries natively (written back from there). */
  private static boolean carried(String k, Document d) {
    return switch (k) {
      case "url", "date_download", "digest", "length", "nlines", "source_domain", "title", RAW_CONTENT,
          "cc_segment" -> true;
      case "original_nlines", "original_length", "line_ids" -> d.dedup() != null;
      case "language", "language_score" -> d.language() != null;
      case "safety_score", "safety_category" -> d.safety() != null;
      default -> false;
    };
  }

  /** A JSON value as a signal value. */
  public static Object value(JsonNode v) {
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.asLong();
    }
    if (v.isFloatingPointNumber() && !v.isBigDecimal()) {
      return v.asDouble();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isArray()) {
      java.util.List<String> strings = new java.util.ArrayList<>(v.size());
      for (JsonNode x : v) {
        if (!x.isTextual()) {
          return new RawJson(v.toString());
        }
        strings.add(x.asText());
      }
      return strings;
    }
    return new RawJson(v.toString());
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
