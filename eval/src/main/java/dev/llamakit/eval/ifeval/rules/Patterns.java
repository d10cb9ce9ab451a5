package dev.llamakit.eval.ifeval.rules;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles the checkers' regular expressions with Python's {@code re} behaviour on str patterns: {@code .}, {@code ^}
 * and {@code $} know only {@code \n} as a line end, and ignoring case folds Unicode. Text from a record (a keyword, a
 * section marker) is used as a pattern, as lm-eval does; one that is not a valid pattern is an error naming it.
 */
final class Patterns {
  private Patterns() {}

  static Pattern compile(String regex, int flags) {
    int f = flags | Pattern.UNIX_LINES;
    if ((flags & Pattern.CASE_INSENSITIVE) != 0) {
      f |= Pattern.UNICODE_CASE;
    }
    try {
      return Pattern.compile(regex, f);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException("'" + regex + "' is not a valid regular expression: " + e.getDescription());
    }
  }
}
