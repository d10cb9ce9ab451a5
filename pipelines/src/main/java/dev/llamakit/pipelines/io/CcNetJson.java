package dev.llamakit.pipelines.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.Drop;
import dev.llamakit.pipelines.doc.RawJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Writes documents as cc_net writes them: one JSON object per line with cc_net's field names, in cc_net's order —
 * {@code url, date_download, digest, length, nlines, source_domain, title, raw_content, cc_segment,
 * original_nlines, original_length, line_ids, language, language_score} — then llamakit's {@code safety_score,
 * safety_category} when safety tagging ran, then the signals steps added ({@code perplexity, bucket}, rule
 * values, a JSONL input's own fields) in the order they were added; absent parts omitted. A signal named like a field
 * written before it (a re-read shard's {@code language} when the document has its own) is not written twice.
 */
public final class CcNetJson {
  private static final JsonFactory JSON = new JsonFactory();

  private CcNetJson() {}

  public static String toJson(Document d) {
    StringWriter w = new StringWriter(d.rawContent().length() + 512);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      field(g, "url", d.url());
      field(g, "date_download", d.dateDownload());
      field(g, "digest", d.digest());
      g.writeNumberField("length", d.length());
      g.writeNumberField("nlines", d.nlines());
      field(g, "source_domain", d.sourceDomain());
      field(g, "title", d.title());
      g.writeStringField("raw_content", d.rawContent());
      field(g, "cc_segment", d.ccSegment());
      if (d.dedup() != null) {
        g.writeNumberField("original_nlines", d.dedup().originalNlines());
        g.writeNumberField("original_length", d.dedup().originalLength());
        g.writeArrayFieldStart("line_ids");
        for (int id : d.dedup().lineIds()) {
          g.writeNumber(id);
        }
        g.writeEndArray();
      }
      if (d.language() != null) {
        g.writeStringField("language", d.language().label());
        g.writeNumberField("language_score", d.language().score());
      }
      if (d.safety() != null) {
        g.writeNumberField("safety_score", Math.round(d.safety().score() * 1e4) / 1e4);
        field(g, "safety_category", d.safety().category());
      }
      for (Map.Entry<String, Object> e : d.signals().asMap().entrySet()) {
        if (written(e.getKey(), d)) {
          continue;
        }
        g.writeFieldName(e.getKey());
        switch (e.getValue()) {
          case Long l -> g.writeNumber(l);
          case Double x -> g.writeNumber(x);
          case Boolean b -> g.writeBoolean(b);
          case List<?> list -> {
            g.writeStartArray();
            for (Object o : list) {
              g.writeString((String) o);
            }
            g.writeEndArray();
          }
          case RawJson j -> g.writeRawValue(j.json());
          default -> g.writeString(e.getValue().toString());
        }
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** One line of the exclusion file: which record, why, and the detail. */
  public static String toJson(Drop d) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("id", d.id());
      field(g, "url", d.url());
      g.writeStringField("reason", d.reason().name());
      field(g, "detail", d.detail());
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** Whether cc_net's part of the line already has a field of this name. */
  private static boolean written(String k, Document d) {
    return switch (k) {
      case "length", "nlines", "raw_content" -> true;
      case "url" -> d.url() != null;
      case "date_download" -> d.dateDownload() != null;
      case "digest" -> d.digest() != null;
      case "source_domain" -> d.sourceDomain() != null;
      case "title" -> d.title() != null;
      case "cc_segment" -> d.ccSegment() != null;
      case "original_nlines", "original_length", "line_ids" -> d.dedup() != null;
      case "language", "language_score" -> d.language() != null;
      case "safety_score" -> d.safety() != null;
      case "safety_category" -> d.safety() != null && d.safety().category() != null;
      default -> false;
    };
  }

  private static void field(JsonGenerator g, String name, String value) throws IOException {
    if (value != null) {
      g.writeStringField(name, value);
    }
  }
}
