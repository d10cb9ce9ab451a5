package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lm-eval's {@code regex} filter: Python's {@code re.findall} over each response, then the match at
 * {@code group_select} (0 = first, -1 = last); with several groups the first non-empty group of that match; stripped;
 * {@code fallback} ("[invalid]") when nothing matches.
 */
public final class RegexFilter implements FilterStep.EachResponse {
  private final Pattern pattern;
  private final int groupSelect;
  private final String fallback;

  public RegexFilter(String pattern, int groupSelect, String fallback) {
    this.pattern = Pattern.compile(pattern);
    this.groupSelect = groupSelect;
    this.fallback = fallback;
  }

  @Override
  public String applyOne(Doc doc, String response) {
    return extract(response);
  }

  /** The extracted answer of one response. */
  public String extract(String response) {
    List<String> matches = new ArrayList<>();
    Matcher m = pattern.matcher(response);
    int groups = m.groupCount();
    while (m.find()) {
      matches.add(findallItem(m, groups));
    }
    if (matches.isEmpty()) {
      return fallback;
    }
    int i = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
    if (i < 0 || i >= matches.size()) {
      return fallback; // Python would raise IndexError; lm-eval's fallback is the useful reading
    }
    String s = matches.get(i);
    return s == null ? fallback : s.strip();
  }

  /** What Python's findall yields for one match: the whole match, the single group, or the first non-empty group. */
  private static String findallItem(Matcher m, int groups) {
    if (groups == 0) {
      return m.group();
    }
    if (groups == 1) {
      return m.group(1) == null ? "" : m.group(1);
    }
    for (int g = 1; g <= groups; g++) {
      String v = m.group(g);
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }
}
