package dev.llamakit.eval.extract;

import dev.llamakit.eval.task.Doc;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * lm-eval's {@code multi_choice_regex} (GPQA's {@code flexible-extract}): the answer letter of a response to a
 * question whose document lists its {@code choices}, found in three tries, each Python's {@code findall} taking the
 * match at {@code group_select} (the first non-empty group of a match with several), stripped:
 * <ol>
 *   <li>the task's pattern on the response, as is (e.g. {@code (\([A-Z]\))});
 *   <li>else any choice's text on the normalised response (both normalised alike: {@code regexes_to_ignore} removed,
 *       optionally lowercased and stripped of Unicode punctuation, category P*), mapped to {@code "(A)"}, {@code "(B)"},
 *       ... by position;
 *   <li>else a letter after a colon ({@code :\s*(A|B|...)}) on the response, mapped to {@code "(A)"}....
 * </ol>
 * An empty result at each try moves to the next; {@code fallback} when none gives one.
 */
public final class MultiChoiceRegex implements FilterStep {
  private final Pattern pattern;
  private final int groupSelect;
  private final String fallback;
  private final boolean ignoreCase;
  private final boolean ignorePunctuation;
  private final List<Pattern> ignore;

  public MultiChoiceRegex(String pattern, int groupSelect, String fallback, boolean ignoreCase,
      boolean ignorePunctuation, List<String> regexesToIgnore) {
    this.pattern = Pattern.compile(pattern, Pattern.UNICODE_CHARACTER_CLASS);
    this.groupSelect = groupSelect;
    this.fallback = fallback;
    this.ignoreCase = ignoreCase;
    this.ignorePunctuation = ignorePunctuation;
    List<Pattern> p = new ArrayList<>();
    for (String r : regexesToIgnore == null ? List.<String>of() : regexesToIgnore) {
      p.add(Pattern.compile(r, Pattern.UNICODE_CHARACTER_CLASS));
    }
    this.ignore = List.copyOf(p);
  }

  @Override
  public List<String> apply(Doc doc, List<String> responses) {
    List<String> choices = doc.list("choices");
    Map<String, String> byText = new HashMap<>();
    Map<String, String> byLetter = new HashMap<>();
    StringBuilder texts = new StringBuilder();
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < choices.size(); i++) {
      String letter = String.valueOf((char) ('A' + i));
      String m = normalise(PyStrings.strip(choices.get(i)));
      texts.append(i == 0 ? "" : "|").append(Pattern.quote(m));
      byText.put(m, "(" + letter + ")");
      letters.append(i == 0 ? "" : "|").append(letter);
      byLetter.put(letter, "(" + letter + ")");
    }
    Pattern textPattern = Pattern.compile(texts.toString());
    Pattern letterPattern = Pattern.compile(":\\s*(" + letters + ")", Pattern.UNICODE_CHARACTER_CLASS);
    List<String> out = new ArrayList<>(responses.size());
    for (String r : responses) {
      String match = find(pattern, r, Map.of());
      if (match.isEmpty()) {
        match = find(textPattern, normalise(r), byText);
        if (match.isEmpty()) {
          match = find(letterPattern, r, byLetter);
        }
      }
      out.add(match.isEmpty() ? fallback : match);
    }
    return out;
  }

  /** findall, the selected match (its first non-empty group), stripped and converted; "" when nothing matched. */
  private String find(Pattern p, String response, Map<String, String> convert) {
    List<String> matches = new ArrayList<>();
    Matcher m = p.matcher(response);
    int groups = m.groupCount();
    while (m.find()) {
      if (groups == 0) {
        matches.add(m.group());
      } else if (groups == 1) {
        matches.add(m.group(1) == null ? "" : m.group(1));
      } else {
        String first = "";
        for (int g = 1; g <= groups; g++) {
          if (m.group(g) != null && !m.group(g).isEmpty()) {
            first = m.group(g);
            break;
          }
        }
        matches.add(first);
      }
    }
    if (matches.isEmpty()) {
      return "";
    }
    int i = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
    if (i < 0 || i >= matches.size()) {
      return ""; // Python would raise IndexError
    }
    String s = PyStrings.strip(matches.get(i));
    return !s.isEmpty() && convert.containsKey(s) ? convert.get(s) : s;
  }

  /** lm-eval's {@code filter_ignores}: ignored regexes removed, then lowercased, then punctuation (P*) removed. */
  String normalise(String s) {
    for (Pattern p : ignore) {
      s = p.matcher(s).replaceAll("");
    }
    if (ignoreCase) {
      s = s.toLowerCase(Locale.ROOT);
    }
    if (ignorePunctuation) {
      StringBuilder sb = new StringBuilder(s.length());
      s.codePoints().filter(c -> !punctuation(c)).forEach(sb::appendCodePoint);
      s = sb.toString();
    }
    return s;
  }

  private static boolean punctuation(int c) {
    return switch (Character.getType(c)) {
      case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
          Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
          Character.OTHER_PUNCTUATION -> true;
      default -> false;
    };
  }
}
