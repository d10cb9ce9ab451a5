package dev.llamakit.safety.code;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Table test per language ({@code code-cases.json}): each insecure snippet fires exactly the expected rules, each
 * safe snippet (the secure alternative) fires none; BLOCK/WARN follow severity.
 */
class RuleSetTableTest {
  static Stream<Arguments> cases() throws Exception {
    JsonNode all = new ObjectMapper().readTree(RuleSetTableTest.class.getResourceAsStream("code-cases.json"));
    List<Arguments> out = new ArrayList<>();
    int i = 0;
    for (JsonNode c : all) {
      List<String> expect = new ArrayList<>();
      c.get("expect").forEach(e -> expect.add(e.asText()));
      out.add(Arguments.of(i++, c.get("language").asText(), c.get("code").asText(), expect));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{0}] {1}")
  @MethodSource("cases")
  void firesExactlyTheExpectedRules(int n, String language, String code, List<String> expect) {
    List<Issue> issues = RuleSet.standard().scan(code, language);
    TreeSet<String> got = new TreeSet<>();
    issues.forEach(i -> got.add(i.rule().id()));
    assertEquals(new TreeSet<>(expect), got, language + " case " + n + ":\n" + code);
    InsecureCodeDetector.Treatment t = InsecureCodeDetector.standard().scan(code, language).treatment();
    boolean anyError = issues.stream().anyMatch(i -> i.rule().severity() == Severity.ERROR);
    assertEquals(issues.isEmpty() ? InsecureCodeDetector.Treatment.IGNORE
        : anyError ? InsecureCodeDetector.Treatment.BLOCK : InsecureCodeDetector.Treatment.WARN, t);
  }

  @Test
  void everyLanguageHasRulesAndEveryRuleIsCoveredByTheTable() throws Exception {
    JsonNode all = new ObjectMapper().readTree(RuleSetTableTest.class.getResourceAsStream("code-cases.json"));
    TreeSet<String> covered = new TreeSet<>();
    TreeSet<String> safeCovered = new TreeSet<>();
    for (JsonNode c : all) {
      c.get("expect").forEach(e -> covered.add(e.asText()));
      if (c.get("expect").isEmpty()) safeCovered.add(c.get("language").asText());
    }
    for (String lang : RuleSet.LANGUAGES) {
      assertFalse(RuleSet.standard().rules(lang).isEmpty(), lang);
      assertEquals(true, safeCovered.contains(lang), "no safe snippet for " + lang);
    }
    assertEquals(8, RuleSet.LANGUAGES.size());
  }

  @Test
  void lineNumbersPointAtTheMatch() {
    List<Issue> issues = RuleSet.standard().scan("x = 1\ny = 2\nz = eval(s)\n", "python");
    assertEquals(1, issues.size());
    assertEquals(3, issues.getFirst().line());
    assertEquals("z = eval(s)", issues.getFirst().snippet());
  }
}
