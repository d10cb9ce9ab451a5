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
 * @param textField JSONL field holding the text (becomes {@code raw_content}); when a record lacks it but has a
 *     string {@code raw_content} (llamakit's and cc_net's own shards), that is the text
 * @param idField JSONL field holding a document's own id: the document is named by it (drops and errors say it) and
 *     it is written back out; may be null (records are then named {@code file#line})
 * @param urlField JSONL field holding the URL
 * @param onBadRecord skip-and-count or fail on a bad record
 * @param ccNetLineFraming frame WET records by {@code WARC/1.0} lines as cc_net does ({@link CcNetLineWetReader})
 *     instead of by Content-Length ({@link WetReader})
 * @param formatParams the options of the read step's named format (its {@code format_params}; empty for
 *     {@code auto}), bound onto the format's {@code Params} by {@link CorpusFormats#create}
 * @param keepFields a JSONL record's fields that are not cc_net's ride through the pipeline as signals, in their order,
 *     and are written back out (see {@link JsonlReader}); false drops them as llamakit did before
 */
public record ReadOptions(
    boolean titleFromFirstLine, String textField, String idField, String urlField, BadRecordPolicy onBadRecord,
    boolean ccNetLineFraming, Map<String, Object> formatParams, boolean keepFields) implements Serializable {

  public ReadOptions {
    formatParams = formatParams == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(formatParams));
  }

  public ReadOptions(boolean titleFromFirstLine, String textField, String idField, String urlField,
      BadRecordPolicy onBadRecord, boolean ccNetLineFraming, Map<String, Object> formatParams) {
    this(titleFromFirstLine, textField, idField, urlField, onBadRecord, ccNetLineFraming, formatParams, true);
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
    return new ReadOptions(true, "text", "id", "url", BadRecordPolicy.SKIP, false, Map.of(), true);
  }

  /** The same options reading the text from {@code field}. */
  public ReadOptions withTextField(String field) {
    return new ReadOptions(titleFromFirstLine, field, idField, urlField, onBadRecord, ccNetLineFraming, formatParams,
        keepFields);
  }
}
