package dev.llamakit.pipelines.dedup;

/** Which copies of a line that occurs in two or more documents survive line dedup. */
public enum DedupPolicy {
  /**
   * cc_net (the LLaMA recipe): every copy of a line found in two or more documents is removed; inside one document,
   * later repeats of a line are removed and the first kept.
   */
  REMOVE_ALL,
  /**
   * C4: one copy is kept, in the line's owner document — the first document in input order (file order of the input
   * list, then record order) that contains it; later repeats inside a document are removed.
   */
  KEEP_FIRST;

  /** Parses the CLI spelling: {@code remove-all} or {@code keep-first}. */
  public static DedupPolicy parse(String s) {
    return switch (s.toLowerCase(java.util.Locale.ROOT).replace('_', '-')) {
      case "remove-all" -> REMOVE_ALL;
      case "keep-first" -> KEEP_FIRST;
      default -> throw new IllegalArgumentException("unknown dedup policy '" + s + "' (remove-all or keep-first)");
    };
  }
}
