package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.InputFile;
import dev.llamakit.pipelines.io.BadRecordPolicy;
import dev.llamakit.pipelines.io.ReadOptions;
import java.io.Serializable;
import java.util.Locale;

/** The {@code read} step: how inputs are parsed (the inputs themselves come from the command line or the API). */
public final class ReadStep {
  private ReadStep() {}

  /** The step's parameters. */
  public static final class Params implements Serializable {
    /** auto (from each file name), wet or jsonl. */
    public String format = "auto";
    /** cc_net's rule: the first body line of a WET record becomes {@code title}. */
    public boolean title = true;
    /** JSONL field holding the text. */
    public String textField = "text";
    /** JSONL field holding an id. */
    public String idField = "id";
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
    return new ReadOptions(p.title, p.textField, p.idField, p.urlField, policy, ccnetLines);
  }

  static InputFile.Format format(Params p) {
    return switch (p.format.toLowerCase(Locale.ROOT)) {
      case "auto" -> null;
      case "wet" -> InputFile.Format.WET;
      case "jsonl" -> InputFile.Format.JSONL;
      default -> throw new IllegalArgumentException("format must be auto, wet or jsonl, not '" + p.format + "'");
    };
  }
}
