package dev.llamakit.pipelines.io;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How inputs are read.
 *
 * @param titleFromFirstLine cc_net's rule: the first non-empty body line of a WET record becomes {@code title} and is
 *     not part of {@code raw_content}; false keeps every line in {@code raw_content} and leaves the title empty
 * @param textField JSONL field holding the text (becomes {@code raw_content})
 * @param idField JSONL field holding a document id (kept as {@code digest} when no digest field exists), may be null
 * @param urlField JSONL field holding the URL
 * @param onBadRecord skip-and-count or fail on a bad record
 * @param ccNetLineFraming frame WET records by {@code WARC/1.0} lines as cc_net does ({@link CcNetLineWetReader})
 *     instead of by Content-Length ({@link WetReader})
 * @param formatParams the options of the read step's named format (its {@code format_params}; empty for
 *     {@code auto}), bound onto the format's {@code Params} by {@link CorpusFormats#create}
 */
public record ReadOptions(
    boolean titleFromFirstLine, String textField, String idField, String urlField, BadRecordPolicy onBadRecord,
    boolean ccNetLineFraming, Map<String, Object> formatParams) implements Serializable {

  public ReadOptions {
    formatParams = formatParams == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(formatParams));
  }

  public ReadOptions(boolean titleFromFirstLine, String textField, String idField, String urlField,
      BadRecordPolicy onBadRecord, boolean ccNetLineFraming) {
    this(titleFromFirstLine, textField, idField, urlField, onBadRecord, ccNetLineFraming, Map.of());
  }

  public ReadOptions(boolean titleFromFirstLine, String textField, String idField, String urlField,
      BadRecordPolicy onBadRecord) {
    this(titleFromFirstLine, textField, idField, urlField, onBadRecord, false);
  }

  /** cc_net's behaviour for WET; JSONL fields {@code text}, {@code id}, {@code url}; bad records counted. */
  public static ReadOptions defaults() {
    return new ReadOptions(true, "text", "id", "url", BadRecordPolicy.SKIP, false, Map.of());
  }
}
