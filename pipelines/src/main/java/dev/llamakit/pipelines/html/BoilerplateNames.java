package dev.llamakit.pipelines.html;

import dev.llamakit.pipelines.io.Resources;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The class, id and role tokens that mark boilerplate ({@code boilerplate-names.txt}): an element whose class, id
 * or role has one is left out with all it holds.
 */
final class BoilerplateNames {
  private static final Set<String> EXACT = new HashSet<>();
  private static final List<String> CONTAINED = new ArrayList<>();

  static {
    for (String line : Resources.tableLines(BoilerplateNames.class, "boilerplate-names.txt")) {
      String t = line.strip().toLowerCase(Locale.ROOT);
      if (t.startsWith("*")) {
        CONTAINED.add(t.substring(1));
      } else {
        EXACT.add(t);
      }
    }
  }

  private BoilerplateNames() {}

  /**
   * Whether an attribute value (a class list, an id, a role) names boilerplate: one of its whitespace-separated
   * names has a listed token as its first or last token ("site-footer", "nav-links", "mainNav"), or contains a
   * {@code *} entry anywhere ("cookie-consent-bar"). Middle tokens do not count: "skin-vector-search-vue" is not a
   * search box.
   */
  static boolean matches(String value) {
    int n = value.length();
    int i = 0;
    while (i < n) {
      while (i < n && Character.isWhitespace(value.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(value.charAt(i))) {
        i++;
      }
      if (i > start && name(value.substring(start, i))) {
        return true;
      }
    }
    return false;
  }

  /** One class name or id. */
  private static boolean name(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (String c : CONTAINED) {
      if (lower.contains(c)) {
        return true;
      }
    }
    List<String> tokens = new ArrayList<>(4);
    int n = name.length();
    int start = -1;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? name.charAt(i) : ' ';
      boolean alnum = Character.isLetterOrDigit(c);
      boolean upperAfterLower = alnum && start >= 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
      if ((!alnum || upperAfterLower) && start >= 0) {
        tokens.add(lower.substring(start, i));
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return !tokens.isEmpty() && (EXACT.contains(tokens.getFirst()) || EXACT.contains(tokens.getLast()));
  }


}
