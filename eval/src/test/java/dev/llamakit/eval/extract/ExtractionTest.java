package dev.llamakit.eval.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.eval.metric.ExactMatch;
import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answer extraction on tricky completions, with the exact pipelines of the task files. */
class ExtractionTest {
  static final Doc DOC = new Doc("d", 0, Map.of());

  static FilterPipeline pipeline(String task, String filter) {
    for (TaskSpec.FilterSpec f : TaskRegistry.builtIn().get(task).spec().filters()) {
      FilterPipeline p = FilterPipeline.of(f, 8);
      if (p.name().equals(filter)) {
        return p;
      }
    }
    throw new AssertionError("no filter " + filter + " in " + task);
  }

  static String first(FilterPipeline p, String... responses) {
    return p.apply(DOC, List.of(responses)).getFirst();
  }

  @Test
  void gsm8kCotStrictTakesTheFirstAnswerSentence() {
    FilterPipeline strict = pipeline("gsm8k_cot", "strict-match");
    assertEquals("18", first(strict, "She sells 9 eggs for $2 each, 9 * 2 = 18. The answer is 18."));
    assertEquals("1,234.", first(strict, "The answer is 1,234. Q: The answer is 5."),
        "greedy: the period joins the number when another character follows (exact_match drops it later)");
    assertEquals("-3", first(strict, "The answer is -3."));
    assertEquals("[invalid]", first(strict, "So she makes 18 dollars."));
    assertEquals("[invalid]", first(strict, "The answer is $18."), "the strict regex admits no dollar sign");
    // the regex's final '.' is any character but a newline: a bare number at the end has none after it
    assertEquals("[invalid]", first(strict, "The answer is 7"));
    assertEquals("[invalid]", first(strict, "The answer is 7\nQ:"));
    assertEquals("7", first(strict, "The answer is 75"), "the dot eats the last digit, as in Python");
    assertEquals("7", first(strict, "The answer is 7 apples"));
  }

  @Test
  void flexibleTakesTheLastNumberIncludingMoneyAndTrailingPeriod() {
    FilterPipeline flex = pipeline("gsm8k_cot", "flexible-extract");
    assertEquals("18.", first(flex, "9 * 2 = 18. The answer is 18."));
    assertEquals("$18", first(flex, "The answer is 17, no wait, $18"));
    assertEquals("5", first(flex, "it is 5"), "one digit falls to the second alternative");
    assertEquals("-42", first(flex, "first 3, then -42"));
    assertEquals("[invalid]", first(flex, "no digits here"));
    ExactMatch em = new ExactMatch(List.of(",", "\\$", "(?s).*#### ", "\\.$"), true, false);
    assertEquals(1.0, em.score("18.", "18"));
    assertEquals(1.0, em.score("$1,018", "1018"));
    assertEquals(0.0, em.score("18.5", "18"));
  }

  @Test
  void gsm8kPlainStrictReadsTheHashMarks() {
    FilterPipeline strict = pipeline("gsm8k", "strict-match");
    assertEquals("72", first(strict, "48/2 = <<48/2=24>>24\n48+24 = <<48+24=72>>72\n#### 72\n\nQuestion: ..."));
    assertEquals("[invalid]", first(strict, "The answer is 72."));
    ExactMatch em = new ExactMatch(List.of(",", "\\$", "(?s).*#### ", "\\.$"), true, false);
    assertEquals(1.0, em.score("72", "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n#### 72"),
        "the reference keeps only what follows '#### '");
  }

  @Test
  void majorityVoteOverSamplesTiesGoToTheFirstSeen() {
    FilterPipeline maj = pipeline("gsm8k_cot_maj", "maj@8");
    assertEquals("maj@8-flexible", pipeline("gsm8k_cot_maj", "maj@8-flexible").name());
    assertEquals("5", first(maj, "The answer is 5.", "The answer is 7.", "The answer is 7", "The answer is 5"));
    assertEquals("7", first(maj, "The answer is 3", "The answer is 7", "The answer is 7", "The answer is 5"));
    assertEquals("[invalid]", first(maj, "nothing", "still nothing", "The answer is 2"));
    assertEquals("a", MajorityVote.vote(List.of("a", "b")));
    assertEquals("b", MajorityVote.vote(List.of("a", "b", "b")));
    FilterPipeline firstOnly = pipeline("gsm8k_cot_maj", "score-first");
    assertEquals("3", first(firstOnly, "The answer is 3", "The answer is 7", "The answer is 7"));
  }

  @Test
  void regexGroupSemanticsFollowPythonFindall() {
    assertEquals("ab", new RegexFilter("a.", 0, "x").extract("ab ac"), "no group: the whole match");
    assertEquals("c", new RegexFilter("a(.)", -1, "x").extract("ab ac"), "one group: that group, last match");
    assertEquals("9", new RegexFilter("(x+)|(\\d)", 0, "x").extract("9"), "two groups: first non-empty");
    assertEquals("x", new RegexFilter("(q)", 3, "x").extract("q"), "selection beyond the matches: fallback");
  }

  @Test
  void humanevalProgramIsPromptCompletionTestAndCheck() {
    Doc p = new Doc("HumanEval/0", 0, Map.of("prompt", "def f():\n", "test", "def check(c):\n    assert c() == 1\n",
        "entry_point", "f"));
    assertEquals("def f():\n    return 1\n\ndef check(c):\n    assert c() == 1\n\ncheck(f)",
        new HumanEvalProgram().apply(p, List.of("    return 1\n")).getFirst());
  }
}
