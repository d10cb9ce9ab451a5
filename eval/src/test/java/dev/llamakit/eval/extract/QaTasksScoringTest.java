package dev.llamakit.eval.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.eval.metric.ExactMatch;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.task.TaskSpec;
import org.junit.jupiter.api.Test;

/**
 * Crafted answers through the task files' own filters and exact_match settings: mmlu_pro's custom-extract,
 * gpqa_main_cot_zeroshot's strict-match and the ARC generation variants' remove_whitespace.
 */
class QaTasksScoringTest {
  static double score(String task, String filter, String response, String gold) {
    TaskSpec spec = TaskRegistry.builtIn().get(task).spec();
    FilterPipeline p = ExtractionTest.pipeline(task, filter);
    TaskSpec.MetricSpec m = spec.metrics().getFirst();
    ExactMatch em = new ExactMatch(m.regexesToIgnore(), Boolean.TRUE.equals(m.ignoreCase()),
        Boolean.TRUE.equals(m.ignorePunctuation()));
    return em.score(ExtractionTest.first(p, response), gold);
  }

  @Test
  void mmluProTakesTheFirstAnswerIsLetter() {
    FilterPipeline p = ExtractionTest.pipeline("mmlu_pro", "custom-extract");
    assertEquals("B", ExtractionTest.first(p, " 7 times 6 is 42. The answer is (B)."));
    assertEquals("J", ExtractionTest.first(p, "so the answer is J"), "parentheses optional");
    assertEquals("C", ExtractionTest.first(p, "the answer is (C). Later: the answer is (D)."), "the first match");
    assertEquals("[invalid]", ExtractionTest.first(p, "The answer is (K)."), "only A-J");
    assertEquals("[invalid]", ExtractionTest.first(p, "Answer: B"));
    assertEquals(1.0, score("mmlu_pro", "custom-extract", "Thus the answer is (B).", "B"));
    assertEquals(0.0, score("mmlu_pro", "custom-extract", "The Answer Is (B).", "B"), "the regex is case-sensitive");
    assertEquals(0.0, score("mmlu_pro", "custom-extract", "the answer is (A)", "B"));
  }

  @Test
  void gpqaCotStrictTakesWhatFollowsTheAnswerIsButTheLastCharacter() {
    FilterPipeline p = ExtractionTest.pipeline("gpqa_main_cot_zeroshot", "strict-match");
    assertEquals("(C)", ExtractionTest.first(p, "Step by step ... The answer is (C)."));
    assertEquals("(C", ExtractionTest.first(p, "The answer is (C)"), "the lookahead eats the last character");
    assertEquals(1.0, score("gpqa_main_cot_zeroshot", "strict-match", "The answer is (c).", "(C)"), "case ignored");
    assertEquals(1.0, score("gpqa_main_cot_zeroshot", "strict-match", "The answer is C..", "(C)"),
        "punctuation ignored: 'C.' and '(C)' both become 'c'");
    assertEquals(0.0, score("gpqa_main_cot_zeroshot", "strict-match", "I think (C).", "(C)"));
  }

  @Test
  void arcVariantsStripTheReplyAndCompareLetters() {
    assertEquals(1.0, score("arc_challenge_chat", "remove_whitespace", " B", "B"));
    assertEquals(1.0, score("arc_challenge_chat", "remove_whitespace", " b", "B"));
    assertEquals(0.0, score("arc_challenge_chat", "remove_whitespace", " B because", "B"));
    assertEquals(1.0, score("arc_challenge_llama", "strict_match", " B.", "B"), "'.' at the end ignored");
    assertEquals(1.0, score("arc_challenge_llama", "strict_match", "\u00a0$B\n", "B"), "Python strip, '$' ignored");
    assertEquals(0.0, score("arc_challenge_llama", "strict_match", " B. Because the balance measures mass", "B"),
        "no stop string: the whole reply is compared");
  }

  @Test
  void llamaVariantsReadMetasAnswerSentences() {
    assertEquals(1.0, score("mmlu_llama", "strict_match", " B", "B."), "the reply stops before '.'; gold 'B.' loses it");
    assertEquals(0.0, score("mmlu_llama", "strict_match", " B because", "B."));
    assertEquals(1.0, score("mmlu_cot_llama", "strict_match", "## Step 1 ... best answer is A. So the best answer is C.",
        "C"), "the last match");
    assertEquals(1.0, score("mmlu_pro_llama", "strict_match", "the best answer is D. The Best answer is X. The best "
        + "answer is J.", "J"), "[tT]he, the last match");
    assertEquals(0.0, score("mmlu_pro_llama", "strict_match", "The answer is (J).", "J"));
    assertEquals(1.0, score("gsm8k_cot_llama", "strict-match", "9 * 2 = 18. The final answer is $18.", "18"));
    assertEquals(1.0, score("gsm8k_cot_llama", "strict-match", "The final answer is 1,234", "1234"));
    assertEquals(1.0, score("gsm8k_llama", "strict_match", "The final answer is 3. Wait, the final answer is 18.", "18"),
        "the last match");
    assertEquals(1.0, score("gsm8k_llama", "flexible_extract", "so 18 dollars", "18"));
  }

  @Test
  void gpqaCotFlexibleTriesTheLetterThenTheChoiceTextThenALetterAfterAColon() {
    FilterPipeline p = ExtractionTest.pipeline("gpqa_main_cot_zeroshot", "flexible-extract");
    // the fixture's 4th question as lm-eval's seed-0 shuffle orders it: (A) 3x (B) x^2 (C) 3x^2 (D) x^3/3
    dev.llamakit.eval.task.Doc doc = new dev.llamakit.eval.data.GpqaLoader()
        .load(dev.llamakit.eval.testing.FixtureData.handWritten().resolve("gpqa"), "main").get(3);
    assertEquals("(C)", p.apply(doc, java.util.List.of("Not (B). It is (C) since d/dx x^3 = 3x^2")).getFirst(),
        "the last (X)");
    assertEquals("(D)", p.apply(doc, java.util.List.of("It must be X^3/3!")).getFirst(),
        "a choice's text, case and punctuation ignored on both sides ('/' and '!' are punctuation)");
    assertEquals("(A)", p.apply(doc, java.util.List.of("the derivative is 3x^2")).getFirst(),
        "as Python's alternation: '3x' (choice A) is tried first and matches inside '3x^2'");
    assertEquals("(C)", p.apply(doc, java.util.List.of("Final answer: C")).getFirst(), "a letter after a colon");
    assertEquals("[invalid]", p.apply(doc, java.util.List.of("no idea")).getFirst());
  }
}
