package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;

/**
 * lm-eval's {@code remove_whitespace}: each response stripped of leading and trailing whitespace as Python's
 * {@code str.strip()} strips it (Unicode white space, the no-break spaces and U+0085 included).
 */
public final class RemoveWhitespace implements FilterStep {
  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> out = new ArrayList<>(responses.size());
    for (String r : responses) {
      out.add(strip(r));
    }
    return out;
  }

  /** Python's {@code str.strip()}. */
  public static String strip(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && pySpace(s.charAt(from))) {
      from++;
    }
    while (to > from && pySpace(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static boolean pySpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
  }
}
