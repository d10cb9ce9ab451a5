package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.CorpusFormats;
import dev.llamakit.pipelines.io.ReadOptions;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;

/** The {@code read} step: how inputs are parsed (the inputs themselves come from the command line or the API). */
public final class ReadStep {
  private ReadStep() {}

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** auto (from each file name) or a format of {@code formats.properties}: wet, jsonl, ... */
    public String format = "auto";
    /** The named format's own options (see {@code llamakit pipeline steps}); needs a format other than auto. */
    public Map<String, Object> formatParams = Map.of();
    /** cc_net's rule: the first body line of a WET record becomes {@code title}. */
    public boolean title = true;
    /** JSONL field holding the text. */
    public String textField = "text";
    /** JSONL field holding a document's own id (names it in drops, written back out). */
    public String idField = "id";
    /** JSONL: keep a record's fields that are not cc_net's (as signals, written back out in their order). */
    public boolean keepFields = true;
    /** JSONL field holding the URL. */
    public String urlField = "url";
    /** skip (count bad records under a named reason) or fail (stop naming the file and record). */
    public String onBadRecord = "skip";
    /** content-length (records framed by Content-Length, resynchronising after damage) or ccnet-lines (cc_net's reader: a record ends at the next WARC/1.0 line). */
    public String wetFraming = "content-length";
  }

  static ReadOptions options(Params p) {
    BadRecordPolicy policy = switch (p.onBadRecord.toLowerCase(Locale.ROOT)) {
      case "skip" -> BadRecordPolicy.SKIP;
      case "fail" -> BadRecordPolicy.FAIL;
      default -> throw new IllegalArgumentException("on_bad_record must be skip or fail, not '" + p.onBadRecord + "'");
    };
    boolean ccnetLines = switch (p.wetFraming) {
      case "content-length" -> false;
      case "ccnet-lines" -> true;
      default -> throw new IllegalArgumentException("wet_framing must be content-length or ccnet-lines, not '"
          + p.wetFraming + "'");
    };
    Map<String, Object> formatParams = p.formatParams == null ? Map.of() : p.formatParams;
    String format = format(p);
    if (format == null && !formatParams.isEmpty()) {
      throw new IllegalArgumentException("format_params needs a format (format: auto reads each file by its name)");
    }
    ReadOptions options = new ReadOptions(p.title, p.textField, p.idField, p.urlField, policy, ccnetLines,
        formatParams, p.keepFields);
    if (format != null) {
      CorpusFormats.standard().create(format, formatParams); // unknown formats and options fail before the run
    }
    return options;
  }

  /** The format every file is read with, or null to pick each file's from its name. */
  static String format(Params p) {
    String f = p.format.toLowerCase(Locale.ROOT);
    if (f.equals("auto")) {
      return null;
    }
    if (!CorpusFormats.standard().names().contains(f)) {
      CorpusFormats.standard().create(f, Map.of()); // throws: unknown format, with near names
    }
    return f;
  }
}
