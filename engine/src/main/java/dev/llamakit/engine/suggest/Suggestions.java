package dev.llamakit.engine.suggest;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * "Did you mean ...?" for unknown names — steps, parameters, presets, tasks, shields: the known names within a small
 * edit distance (or sharing a prefix), nearest first. The one place every registry of llamakit gets its suggestions.
 */
public final class Suggestions {
  private Suggestions() {}

  /** {@code " (did you mean 'x'?)"}, or an empty string when no known name is near. */
  public static String didYouMean(String name, Collection<String> known) {
    List<String> near = near(name, known);
    if (near.isEmpty()) {
      return "";
    }
    return " (did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?)";
  }

  /**
   * Known names within distance max(2, length/3) of {@code name}, or one a prefix of the other, or containing it,
   * nearest first (at most 3).
   */
  public static List<String> near(String name, Collection<String> known) {
    int limit = Math.max(2, name.length() / 3);
    return known.stream()
        .filter(k -> distance(name, k) <= limit || k.startsWith(name) || name.startsWith(k)
            || (name.length() >= 3 && k.contains(name)))
        .sorted(Comparator.comparingInt((String k) -> distance(name, k)).thenComparing(k -> k))
        .limit(3)
        .toList();
  }

  /** Levenshtein distance. */
  public static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
