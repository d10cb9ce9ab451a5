package dev.llamakit.pipelines.filters.github;

import static dev.llamakit.pipelines.filters.github.Files.apply;
import static dev.llamakit.pipelines.filters.github.Files.file;
import static dev.llamakit.pipelines.filters.github.Files.reason;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.filters.Verdict;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GithubQualityFilterTest {
  private static Verdict verdict(String text) {
    return apply("github_quality", Map.of(), file("a.py", "MIT", text));
  }

  @Test
  void rpv1sThresholdsInRpv1sOrder() {
    assertEquals("GITHUB_EMPTY", reason(verdict("")));
    assertEquals("keep", reason(verdict("def compute_average(values):\n    return sum(values) / len(values)\n")));
    // short names: 12 letters over 11 pre-tokens (def, ' f', '(', 'x', '):', '\n   ', ' return', ' x', ' +', ' 1', '\n')
    assertEquals("GITHUB_LOW_ALPHA_PER_TOKEN", reason(verdict("def f(x):\n    return x + 1\n")));
    assertEquals("GITHUB_LONG_LINE", reason(verdict("s = '" + "a".repeat(1001) + "'\n")));
    String longest = "t = '" + "abcdefghi ".repeat(99) + "abcd'";
    assertEquals(1000, longest.length());
    assertEquals("keep", reason(verdict("value = 1\n".repeat(20) + longest + "\n")), "1000 is allowed");
    // mean = len(content) / lines: 3 lines of 150 characters (+ newlines) > 100
    assertEquals("GITHUB_LONG_MEAN_LINE", reason(verdict(("x = '" + "word ".repeat(29) + "'\n").repeat(3))));
    assertEquals("GITHUB_LOW_ALNUM", reason(verdict("{ ( [ ] ) } ;; ==> <== a\n".repeat(10))));
    // letters per pre-token: a, 1, ' b', 2, ... ' h', 8, '\n' -> 8 letters / 17 tokens
    assertEquals("GITHUB_LOW_ALPHA_PER_TOKEN", reason(verdict("a1 b2 c3 d4 e5 f6 g7 h8\n")));
  }

  @Test
  void signalsUseRpv1sNamesAndPythonsMeasures() {
    // splitlines: \r\n is one break, \x0c (form feed) is another; "ab\r\ncd\x0cef" is 3 lines, 9 code points
    Verdict v = verdict("ab\r\ncd\u000cef");
    assertEquals(2L, v.signals().get("max_line_length"));
    assertEquals(3.0, (double) v.signals().get("avg_line_length"), 1e-12);
    assertEquals(6.0 / 9, (double) v.signals().get("alnum_prop"), 1e-12);
    // "héllo wörld 42": letters 10; pre-tokens "héllo", " wörld", " 42" -> 10 / 3
    Verdict u = verdict("héllo wörld 42");
    assertEquals(10.0 / 3, (double) u.signals().get("alpha_per_token"), 1e-12);
  }

  @Test
  void preTokensFollowTheNeoxPattern() {
    assertEquals(1, CodeLines.preTokens("hello"));
    assertEquals(2, CodeLines.preTokens("hello world"));
    assertEquals(3, CodeLines.preTokens("hello  world"), "'hello', ' ', ' world'");
    assertEquals(4, CodeLines.preTokens("x\n\n\ty"), "'x', '\\n\\n', '\\t', 'y'");
    assertEquals(2, CodeLines.preTokens("don't"), "'don', \"'t\"");
    assertEquals(6, CodeLines.preTokens("f(x) = 1"), "'f', '(', 'x', ')', ' =', ' 1'");
  }
}
