package dev.llamakit.pipelines.io;

import dev.llamakit.pipelines.filters.StepTable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of input formats ({@code formats.properties}: format name = {@link CorpusFormat} class): the one place
 * that maps a format name, or a file name when the read step's format is {@code auto}, to a reader.
 *
 * <pre>{@code
 * CorpusFormats formats = CorpusFormats.standard();
 * String name = formats.guess("part-00000.jsonl.gz");                 // "jsonl", or null when no format claims it
 * CorpusReader r = formats.create("jsonl", Map.of()).reader(ReadOptions.defaults());
 * }</pre>
 */
public final class CorpusFormats {
  /** The compression suffixes stripped before a file name is matched against the formats' endings. */
  private static final List<String> COMPRESSION = List.of(".gz", ".bz2");
  private static volatile CorpusFormats standard;

  private final StepTable<CorpusFormat> table;
  private final Map<String, CorpusFormat> defaults;

  private CorpusFormats(StepTable<CorpusFormat> table) {
    this.table = table;
    java.util.LinkedHashMap<String, CorpusFormat> d = new java.util.LinkedHashMap<>();
    for (String name : table.names()) {
      d.put(name, table.create(name, Map.of()));
    }
    this.defaults = java.util.Collections.unmodifiableMap(d);
  }

  /** Every format shipped with llamakit. */
  public static CorpusFormats standard() {
    CorpusFormats f = standard;
    if (f == null) {
      synchronized (CorpusFormats.class) {
        if (standard == null) {
          standard = new CorpusFormats(StepTable.load(CorpusFormats.class, "formats.properties", CorpusFormat.class,
              "format"));
        }
        f = standard;
      }
    }
    return f;
  }

  /** Every format name, sorted. */
  public List<String> names() {
    return table.names();
  }

  /** The options of a format with their defaults, in recipe (snake_case) names. */
  public Map<String, Object> defaults(String format) {
    return table.defaults(format);
  }

  /**
   * The format {@code name} with options {@code params} (the read step's {@code format_params}).
   *
   * @throws IllegalArgumentException naming an unknown format (with near names), or an unknown or mistyped option
   */
  public CorpusFormat create(String name, Map<String, ?> params) {
    try {
      return table.create(name, params);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      if (m.startsWith("step '")) { // ParamsBinder's wording: name the read step's option instead
        m = "format_params of format '" + name + "'" + m.substring(m.indexOf("':") + 1);
      }
      throw new IllegalArgumentException(m, e);
    }
  }

  /**
   * The format whose endings match {@code fileName} (after a {@code .gz}/{@code .bz2} suffix is removed; the longest
   * ending wins), or null when none claims it.
   */
  public String guess(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    for (String c : COMPRESSION) {
      if (n.endsWith(c)) {
        n = n.substring(0, n.length() - c.length());
        break;
      }
    }
    String best = null;
    int bestLength = -1;
    for (Map.Entry<String, CorpusFormat> e : defaults.entrySet()) {
      for (String suffix : e.getValue().suffixes()) {
        if (n.endsWith(suffix) && suffix.length() > bestLength) {
          best = e.getKey();
          bestLength = suffix.length();
        }
      }
    }
    return best;
  }

  /** Whether the format reads whole files of a folder tree ({@link CorpusFormat#tree()}). */
  public boolean isTree(String format) {
    CorpusFormat f = defaults.get(format);
    return f != null && f.tree();
  }

  /** The endings every format claims, for messages ("... .warc.wet[.gz] or .jsonl[.gz]"). */
  public String describeSuffixes() {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, CorpusFormat> e : defaults.entrySet()) {
      b.append(b.isEmpty() ? "" : "; ").append(e.getKey()).append(": ")
          .append(String.join(" ", e.getValue().suffixes()));
    }
    return b + " (each optionally .gz)";
  }
}
