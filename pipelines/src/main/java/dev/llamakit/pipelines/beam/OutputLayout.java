package dev.llamakit.pipelines.beam;

import dev.llamakit.pipelines.doc.Document;
import java.util.Locale;

/** How written documents are grouped into output folders. */
public enum OutputLayout {
  /** {@code OUT/<lang>/}: one folder per language label ({@code und} when no language step ran). */
  LANGUAGE,
  /** cc_net's {@code OUT/<lang>_<bucket>/}: language and perplexity bucket ({@code head}, {@code middle},
   * {@code tail}, or {@code all} for a language without a model). */
  LANGUAGE_BUCKET,
  /** {@code OUT/all/}: one folder. */
  SINGLE;

  /** The signal a bucket step writes. */
  public static final String BUCKET_SIGNAL = "bucket";

  /** The output folder of a document. */
  public String group(Document d) {
    return switch (this) {
      case LANGUAGE -> language(d);
      case LANGUAGE_BUCKET -> {
        String b = d.signals().string(BUCKET_SIGNAL);
        yield language(d) + "_" + (b == null ? "all" : b);
      }
      case SINGLE -> "all";
    };
  }

  static String language(Document d) {
    return d.language() == null ? "und" : d.language().label();
  }

  public static OutputLayout parse(String s) {
    return switch (s.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "language" -> LANGUAGE;
      case "language_bucket" -> LANGUAGE_BUCKET;
      case "single" -> SINGLE;
      default -> throw new IllegalArgumentException("layout must be language, language_bucket or single, not '" + s
          + "'");
    };
  }
}
