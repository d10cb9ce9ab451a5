package dev.llamakit.pipelines.decontam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Llama 2's contamination subsets of a benchmark (paper App. A.6): an item is <em>clean</em> when less than 20% of
 * its tokens are covered by long matches in the training corpus, <em>not clean</em> at 20% or more, <em>not
 * dirty</em> below 80%, <em>dirty</em> at 80% or more. The subsets overlap: every item is clean or not clean, and
 * not dirty or dirty.
 *
 * <pre>{@code
 * LlamaSubset.of(0.35);                    // [not-clean, not-dirty]
 * LlamaSubset.parse("dirty").contains(0.9); // true
 * }</pre>
 */
public enum LlamaSubset {
  CLEAN, NOT_CLEAN, NOT_DIRTY, DIRTY;

  /** Below this coverage an item is clean. */
  public static final double CLEAN_BELOW = 0.20;
  /** From this coverage on an item is dirty. */
  public static final double DIRTY_FROM = 0.80;

  /** True when an item with this token coverage (0..1) is in the subset. */
  public boolean contains(double coverage) {
    return switch (this) {
      case CLEAN -> coverage < CLEAN_BELOW;
      case NOT_CLEAN -> coverage >= CLEAN_BELOW;
      case NOT_DIRTY -> coverage < DIRTY_FROM;
      case DIRTY -> coverage >= DIRTY_FROM;
    };
  }

  /** The command-line and file name: {@code clean}, {@code not-clean}, {@code not-dirty}, {@code dirty}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The subsets an item with this coverage is in, by {@link #id()}, in declaration order. */
  public static List<String> of(double coverage) {
    List<String> out = new ArrayList<>(2);
    for (LlamaSubset s : values()) {
      if (s.contains(coverage)) {
        out.add(s.id());
      }
    }
    return out;
  }

  /** The subset named {@code id}; anything else is an error listing the four. */
  public static LlamaSubset parse(String id) {
    for (LlamaSubset s : values()) {
      if (s.id().equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("subset must be clean, not-clean, not-dirty or dirty, not '" + id + "'");
  }
}
