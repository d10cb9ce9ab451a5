package dev.llamakit.safety.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of every supported language ({@code c, cpp, java, javascript, python, php, rust, csharp}), each read
 * from its resource file {@code code/rules/<language>.json} (a file may {@code include} another language's rules,
 * as C++ includes C). Immutable and thread-safe.
 */
public final class RuleSet {
  /** The supported languages, in resource-file order. */
  public static final List<String> LANGUAGES = List.of("c", "cpp", "java", "javascript", "python", "php", "rust", "csharp");

  private static final RuleSet STANDARD = load();
  private final Map<String, List<Rule>> byLanguage;

  private RuleSet(Map<String, List<Rule>> byLanguage) { this.byLanguage = byLanguage; }

  /** The shipped rules. */
  public static RuleSet standard() { return STANDARD; }

  /** Rules for {@code language} (including included languages); unknown languages are an error. */
  public List<Rule> rules(String language) {
    List<Rule> r = byLanguage.get(language.toLowerCase(Locale.ROOT));
    if (r == null) throw new IllegalArgumentException("unsupported language '" + language + "' (supported: " + LANGUAGES + ")");
    return r;
  }

  /** All matches of {@code language}'s rules in {@code code}, in rule order then position. */
  public List<Issue> scan(String code, String language) {
    List<Issue> out = new ArrayList<>();
    int[] lineStarts = null;
    for (Rule rule : rules(language)) {
      Matcher m = rule.pattern().matcher(code);
      while (m.find()) {
        if (lineStarts == null) lineStarts = lineStarts(code);
        int line = lineOf(lineStarts, m.start());
        int end = line < lineStarts.length ? lineStarts[line] - 1 : code.length();
        out.add(new Issue(rule, language, line, code.substring(lineStarts[line - 1], Math.max(lineStarts[line - 1], end)).strip()));
      }
    }
    return out;
  }

  private static int[] lineStarts(String s) {
    int n = 1;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') n++;
    int[] starts = new int[n];
    int k = 1;
    for (int i = 0; i < s.length(); i++) if (s.charAt(i) == '\n') starts[k++] = i + 1;
    return starts;
  }

  private static int lineOf(int[] starts, int pos) {
    int i = java.util.Arrays.binarySearch(starts, pos);
    return (i >= 0 ? i : -i - 2) + 1;
  }

  private static RuleSet load() {
    ObjectMapper json = new ObjectMapper();
    Map<String, JsonNode> files = new LinkedHashMap<>();
    for (String lang : LANGUAGES) {
      String res = "rules/" + lang + ".json";
      try (InputStream in = RuleSet.class.getResourceAsStream(res)) {
        if (in == null) throw new IllegalStateException("missing resource code/" + res);
        files.put(lang, json.readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read code/" + res, e);
      }
    }
    Map<String, List<Rule>> own = new LinkedHashMap<>();
    for (var e : files.entrySet()) {
      List<Rule> rules = new ArrayList<>();
      int i = 0;
      for (JsonNode r : e.getValue().path("rules")) {
        String where = "code/rules/" + e.getKey() + ".json rule " + i++;
        String id = req(r, "id", where);
        try {
          rules.add(new Rule(id, req(r, "cwe", where), req(r, "description", where),
              Severity.valueOf(req(r, "severity", where).toUpperCase(Locale.ROOT)),
              Pattern.compile(req(r, "pattern", where), Pattern.MULTILINE)));
        } catch (IllegalArgumentException ex) {
          throw new IllegalStateException(where + " (" + id + "): " + ex.getMessage(), ex);
        }
      }
      own.put(e.getKey(), rules);
    }
    Map<String, List<Rule>> all = new LinkedHashMap<>();
    for (var e : files.entrySet()) {
      List<Rule> rules = new ArrayList<>(own.get(e.getKey()));
      for (JsonNode inc : e.getValue().path("include")) rules.addAll(own.get(inc.asText()));
      all.put(e.getKey(), List.copyOf(rules));
    }
    return new RuleSet(all);
  }

  private static String req(JsonNode n, String f, String where) {
    JsonNode v = n.get(f);
    if (v == null || v.asText().isBlank()) throw new IllegalStateException(where + ": missing field '" + f + "'");
    return v.asText();
  }
}
