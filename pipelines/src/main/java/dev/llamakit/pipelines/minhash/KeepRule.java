package dev.llamakit.pipelines.minhash;

import java.util.Locale;

/**
 * Which document of a near-duplicate cluster is written; the others are dropped as {@code NEAR_DUPLICATE}. Both
 * rules are total orders (ties go to the lower ordinal), so the choice never depends on the order members arrive in.
 */
public enum KeepRule {
  /** The first in input order: the lowest ordinal (datatrove and NeMo keep the first too). */
  FIRST,
  /** The one with the most characters of {@code raw_content}; among equals, the first in input order. */
  LONGEST;

  /** {@code first} or {@code longest}. */
  public static KeepRule parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("keep must be first or longest, not '" + s + "'");
    }
  }

  /** Whether {@code a} is kept rather than {@code b}. */
  public boolean prefers(Member a, Member b) {
    if (this == LONGEST && a.chars() != b.chars()) {
      return a.chars() > b.chars();
    }
    return a.ordinal() < b.ordinal();
  }
}
