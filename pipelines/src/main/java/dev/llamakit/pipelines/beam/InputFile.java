package dev.llamakit.pipelines.beam;

import java.io.Serializable;

/**
 * One input file of a run: its position in the sorted input list (documents' ordinals derive from it), its path (any
 * Beam file system), the {@code cc_segment} value to record, and its format.
 */
public record InputFile(int index, String path, String segment, Format format) implements Serializable {
  /** How a file is parsed. */
  public enum Format {
    WET,
    JSONL;

    /** WET for {@code .wet}/{@code .warc}(.gz) names, JSONL for {@code .jsonl}/{@code .json}(.gz), else null. */
    public static Format guess(String name) {
      String n = name.toLowerCase(java.util.Locale.ROOT);
      if (n.endsWith(".gz")) {
        n = n.substring(0, n.length() - 3);
      }
      if (n.endsWith(".wet") || n.endsWith(".warc") || n.endsWith(".warc.wet.txt")) {
        return WET;
      }
      if (n.endsWith(".jsonl") || n.endsWith(".json") || n.endsWith(".ndjson")) {
        return JSONL;
      }
      return null;
    }
  }
}
