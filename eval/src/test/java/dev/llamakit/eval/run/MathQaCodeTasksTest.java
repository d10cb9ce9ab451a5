package dev.llamakit.eval.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.task.Task;
import dev.llamakit.eval.task.TaskRegistry;
import dev.llamakit.eval.testing.FixtureData;
import dev.llamakit.eval.testing.OracleModel;
import dev.llamakit.eval.testing.SandboxSupport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * minerva_math, triviaqa, nq_open, mbpp, humaneval_plus and mbpp_plus on the hand-written fixtures: the prompts equal,
 * byte for byte, what lm-eval (4e7e0d47f) builds for the same documents (expected strings derived by hand from its
 * YAMLs and utils: Minerva's and MBPP's fixed shots, {@code target_delimiter} "" for MBPP, nq_open's description and
 * "\n" shot delimiter, random train shots drawn with {@code random.Random(1234)}), and the scores of crafted answers
 * (scripted through {@link OracleModel}) are those lm-eval's answer extraction, normalisation and metrics give.
 */
class MathQaCodeTasksTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();
  static final ModelIdentity MODEL = new ModelIdentity("m.gguf", "0".repeat(64));
  static final PrintStream QUIET = new PrintStream(OutputStream.nullOutputStream());
  static final Path DATA = FixtureData.handWritten();

  static TaskPlan plan(String task, RunSettings s) {
    return TaskPlan.of(REG.get(task), DATA, s, MODEL);
  }

  static JsonNode run(OracleModel m, Path out, String task) throws IOException {
    new Harness(m, DATA, out, RunSettings.defaults().withProgress(false).withBatchSize(3), QUIET)
        .run(List.of(REG.get(task)));
    return new ObjectMapper().readTree(out.resolve("results.json").toFile());
  }

  @Test
  void minervaPromptHasTheFourMinervaShotsAndSevenSubtasks() {
    TaskPlan p = plan("minerva_math", RunSettings.defaults());
    assertEquals(List.of("minerva_math_algebra", "minerva_math_counting_and_prob", "minerva_math_geometry",
        "minerva_math_intermediate_algebra", "minerva_math_num_theory", "minerva_math_prealgebra",
        "minerva_math_precalc"), List.copyOf(p.subtasks().keySet()));
    assertEquals(4, p.numFewshot());
    PlannedDoc first = p.subtasks().get("minerva_math_algebra").getFirst();
    assertEquals("algebra/7.json", first.doc().id()); // numeric file order: 7 before 12
    assertEquals("Problem:\n"
        + "Find the domain of the expression  $\\frac{\\sqrt{x-2}}{\\sqrt{5-x}}$.}\n"
        + "\n"
        + "Solution: The expressions inside each square root must be non-negative. Therefore, $x-2 \\ge 0$, so $x\\ge2$, and $5 - x \\ge 0$, so $x \\le 5$. Also, the denominator cannot be equal to zero, so $5-x>0$, which gives $x<5$. Therefore, the domain of the expression is $\\boxed{[2,5)}$.\n"
        + "Final Answer: The final answer is $[2,5)$. I hope it is correct.\n"
        + "\n"
        + "Problem:\n"
        + "If $\\det \\mathbf{A} = 2$ and $\\det \\mathbf{B} = 12,$ then find $\\det (\\mathbf{A} \\mathbf{B}).$\n"
        + "\n"
        + "Solution: We have that $\\det (\\mathbf{A} \\mathbf{B}) = (\\det \\mathbf{A})(\\det \\mathbf{B}) = (2)(12) = \\boxed{24}.$\n"
        + "Final Answer: The final answer is $24$. I hope it is correct.\n"
        + "\n"
        + "Problem:\n"
        + "Terrell usually lifts two 20-pound weights 12 times. If he uses two 15-pound weights instead, how many times must Terrell lift them in order to lift the same total weight?\n"
        + "\n"
        + "Solution: If Terrell lifts two 20-pound weights 12 times, he lifts a total of $2\\cdot 12\\cdot20=480$ pounds of weight.  If he lifts two 15-pound weights instead for $n$ times, he will lift a total of $2\\cdot15\\cdot n=30n$ pounds of weight.  Equating this to 480 pounds, we can solve for $n$:\n"
        + "\\begin{align*}\n"
        + "30n&=480\\\n"
        + "\\Rightarrow\\qquad n&=480/30=\\boxed{16}\n"
        + "\\end{align*}\n"
        + "Final Answer: The final answer is $16$. I hope it is correct.\n"
        + "\n"
        + "Problem:\n"
        + "If the system of equations\n"
        + "\n"
        + "\\begin{align*}\n"
        + "6x-4y&=a,\\\n"
        + "6y-9x &=b.\n"
        + "\\end{align*}has a solution $(x, y)$ where $x$ and $y$ are both nonzero,\n"
        + "find $\\frac{a}{b},$ assuming $b$ is nonzero.\n"
        + "\n"
        + "Solution: If we multiply the first equation by $-\\frac{3}{2}$, we obtain\n"
        + "\n"
        + "$$6y-9x=-\\frac{3}{2}a.$$Since we also know that $6y-9x=b$, we have\n"
        + "\n"
        + "$$-\\frac{3}{2}a=b\\Rightarrow\\frac{a}{b}=\\boxed{-\\frac{2}{3}}.$$\n"
        + "Final Answer: The final answer is $-\\frac{2}{3}$. I hope it is correct.\n"
        + "\n"
        + "Problem:\n"
        + "What is the value of $x$ if $3x + 4 = 19$?\n"
        + "\n"
        + "Solution:", first.context());
    assertEquals("5", p.task().target(first.doc()));
    assertEquals("\\frac{3}{4}", p.task().target(p.subtasks().get("minerva_math_algebra").get(1).doc()));
  }

  @Test
  void mbppPromptHasLmEvalsThreeShotsWithoutTargetDelimiter() {
    TaskPlan p = plan("mbpp", RunSettings.defaults());
    List<PlannedDoc> docs = p.all();
    assertEquals(List.of("mbpp/11", "mbpp/12"), docs.stream().map(d -> d.doc().id()).toList()); // the test ids only
    assertEquals("You are an expert Python programmer, and here is your task: Write a function to find the similar elements from the given two tuple lists. Your code should pass these tests:\n"
        + "\n"
        + "assert similar_elements((3, 4, 5, 6),(5, 7, 4, 10)) == (4, 5)\n"
        + "assert similar_elements((1, 2, 3, 4),(5, 4, 3, 7)) == (3, 4)\n"
        + "assert similar_elements((11, 12, 14, 13),(17, 15, 14, 13)) == (13, 14)\n"
        + "[BEGIN]\n"
        + "def similar_elements(test_tup1, test_tup2):\r\n"
        + "  res = tuple(set(test_tup1) & set(test_tup2))\r\n"
        + "  return (res) \n"
        + "[DONE]\n"
        + "\n"
        + "You are an expert Python programmer, and here is your task: Write a python function to identify non-prime numbers. Your code should pass these tests:\n"
        + "\n"
        + "assert is_not_prime(2) == False\n"
        + "assert is_not_prime(10) == True\n"
        + "assert is_not_prime(35) == True\n"
        + "[BEGIN]\n"
        + "import math\r\n"
        + "def is_not_prime(n):\r\n"
        + "    result = False\r\n"
        + "    for i in range(2,int(math.sqrt(n)) + 1):\r\n"
        + "        if n % i == 0:\r\n"
        + "            result = True\r\n"
        + "    return result\n"
        + "[DONE]\n"
        + "\n"
        + "You are an expert Python programmer, and here is your task: Write a function to find the largest integers from a given list of numbers using heap queue algorithm. Your code should pass these tests:\n"
        + "\n"
        + "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],3)==[85, 75, 65] \n"
        + "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],2)==[85, 75] \n"
        + "assert heap_queue_largest( [25, 35, 22, 85, 14, 65, 75, 22, 58],5)==[85, 75, 65, 58, 35]\n"
        + "[BEGIN]\n"
        + "import heapq as hq\r\n"
        + "def heap_queue_largest(nums,n):\r\n"
        + "  largest_nums = hq.nlargest(n, nums)\r\n"
        + "  return largest_nums\n"
        + "[DONE]\n"
        + "\n"
        + "You are an expert Python programmer, and here is your task: Write a function to double every element of a list. Your code should pass these tests:\n"
        + "\n"
        + "assert double_all([1, 2]) == [2, 4]\n"
        + "assert double_all([]) == []\n"
        + "assert double_all([-3]) == [-6]\n"
        + "[BEGIN]\n"
        + "", docs.getFirst().context());
    Task plus = REG.get("mbpp_plus");
    PlannedDoc pp = plan("mbpp_plus", RunSettings.defaults()).all().getFirst();
    // mbpp_plus: the row's prompt as the task text, the same shots
    assertTrue(pp.context().endsWith("here is your task: Write a function to double every element of a list. Your "
        + "code should pass these tests:\n\nassert double_all([1, 2]) == [2, 4]\nassert double_all([]) == []\n"
        + "assert double_all([-3]) == [-6]\n[BEGIN]\n"), pp.context());
    assertEquals(docs.getFirst().context().substring(0, 1500), pp.context().substring(0, 1500));
    assertEquals("mbpp_plus", plus.name());
  }

  @Test
  void triviaqaPromptZeroAndOneShot() {
    TaskPlan p = plan("triviaqa", RunSettings.defaults());
    List<PlannedDoc> docs = p.all();
    assertEquals(3, docs.size()); // web-dev.json (2) then wikipedia-dev.json; verified-web-dev.json is not read
    assertEquals("Question: Which planet in our solar system is known as the Red Planet?\nAnswer:",
        docs.getFirst().context());
    assertEquals("Question: How many legs does a spider have?\nAnswer:", docs.get(2).context()); // stripped first
    assertEquals(0, p.numFewshot());
    assertEquals(List.of("Mars", "The Red Planet", "Planet Mars"), p.task().targets(docs.getFirst().doc()));
    TaskPlan one = plan("triviaqa", RunSettings.defaults().withNumFewshot(1));
    // doc 1's shot is random.Random(1234)'s second draw from the 3 train questions; answered with the first alias
    assertEquals("Question: What is frozen water called?\nAnswer: Ice\n\n"
        + "Question: What colour do you get by mixing blue and yellow paint?\nAnswer:", one.all().get(1).context());
    assertEquals("Question: Which animal is called the king of the jungle?\nAnswer: Lion\n\n"
        + "Question: Which planet in our solar system is known as the Red Planet?\nAnswer:", one.all().get(0).context());
  }

  @Test
  void nqOpenPromptWithDescriptionAndNewlineBetweenShots() {
    TaskPlan p = plan("nq_open", RunSettings.defaults().withNumFewshot(2));
    assertEquals("Answer these questions:\n"
        + "\n"
        + "Q: who wrote the hand written test novel?\n"
        + "A: An Author\n"
        + "Q: what is the boiling point of water in celsius?\n"
        + "A: 100\n"
        + "Q: who painted the ceiling of the hand written test chapel?\n"
        + "A:", p.all().getFirst().context());
  }

  @Test
  void minervaExactMatchOfCraftedAnswers(@TempDir Path out) throws IOException {
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    String end = "\n\nSolution:";
    m.script("What is the value of $x$ if $3x + 4 = 19$?" + end,
        List.of(" We get $x=5$.\nFinal Answer: The final answer is $5$. I hope it is correct.\n\nProblem: more"));
    // 0.75 = 3/4: 1, as lm-eval's sympy is_equiv scores it (a Float equal to the fraction at 53 bits)
    m.script("Simplify $\\frac{6}{8}$." + end, List.of(" Final Answer: The final answer is $0.75$. I hope it is correct."));
    m.script("How many ways can 3 different books be put in a row?" + end,
        List.of(" Final Answer: The final answer is 6. I hope it is correct."));
    // "$49$ square centimeters" normalises to "49" but the reference to "49centi": 0 (sympy agrees)
    m.script("What is its area, in square centimeters?" + end,
        List.of(" Final Answer: The final answer is $49$ square centimeters. I hope it is correct."));
    m.script("Find the positive root of $x^2 = 2$." + end,
        List.of(" Final Answer: The final answer is $\\sqrt{2}$. I hope it is correct."));
    m.script("What is the remainder when 1,000,003 is divided by 10?" + end, List.of(" I think 3."));
    m.script("Write one hundred thousand as a number." + end,
        List.of(" Final Answer: The final answer is 100,000. I hope it is correct."));
    // equal strings, but sympy's parse_latex rejects "[0,1)": 0, as in lm-eval
    m.script("with $0 \\le x < 1$?" + end, List.of(" Final Answer: The final answer is $[0,1)$. I hope it is correct."));
    JsonNode r = run(m, out, "minerva_math");
    assertEquals(1.0, r.at("/results/minerva_math_algebra").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(0.0, r.at("/results/minerva_math_geometry").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(0.0, r.at("/results/minerva_math_precalc").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(1.0, r.at("/results/minerva_math_intermediate_algebra").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(5.0 / 8, r.at("/groups/minerva_math").get("exact_match,none").asDouble(), 1e-12); // weighted by size
    assertEquals(8, r.at("/groups/minerva_math/sample_len").asInt());
    JsonNode rec = new ObjectMapper().readTree(Files.readAllLines(out.resolve("samples_minerva_math.jsonl")).getFirst());
    assertEquals("5", rec.at("/filtered_resps/none/0").asText());
    assertEquals(List.of("Problem:"), List.of(rec.at("/arguments/0/arg_1/until/0").asText()));
    // the named option minerva_math_string compares the normalised strings: 0.75 vs \frac{3}{4} scores 0, [0,1) 1
    JsonNode s = run(m, out.resolve("string"), "minerva_math_string");
    assertEquals(0.5, s.at("/results/minerva_math_string_algebra").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(1.0, s.at("/results/minerva_math_string_precalc").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(5.0 / 8, s.at("/groups/minerva_math_string").get("exact_match,none").asDouble(), 1e-12);
  }

  @Test
  void triviaqaMatchesAnyAliasIgnoringCaseAndPunctuation(@TempDir Path out) throws IOException {
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    m.script("known as the Red Planet?\nAnswer:", List.of(" Planet-Mars\nQuestion:"));
    m.script("blue and yellow paint?\nAnswer:", List.of(" GREEN! (colour)"));
    m.script("How many legs does a spider have?\nAnswer:", List.of(" 8, I think"));
    JsonNode r = run(m, out, "triviaqa");
    // "Planet-Mars" -> "planetmars" != "planet mars"; "GREEN! (colour)" -> "green colour" = "Green (colour)";
    // "8" = the stripped alias "8"
    assertEquals(2.0 / 3, r.at("/results/triviaqa").get("exact_match,remove_whitespace").asDouble(), 1e-12);
    List<String> lines = Files.readAllLines(out.resolve("samples_triviaqa.jsonl"));
    JsonNode rec = new ObjectMapper().readTree(lines.getFirst());
    assertEquals("Planet-Mars", rec.at("/filtered_resps/remove_whitespace/0").asText());
    assertEquals(3, rec.get("target").size());
    assertEquals(0.0, rec.at("/metrics/exact_match,remove_whitespace").asDouble());
    assertEquals(1.0, new ObjectMapper().readTree(lines.get(1)).at("/metrics/exact_match,remove_whitespace").asDouble());
  }

  @Test
  void nqOpenDropsArticlesAsLmEvalsRegex(@TempDir Path out) throws IOException {
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    m.script("test chapel?\nA:", List.of(" The painter\n"));
    m.script("leap year?\nA:", List.of(" 366 days"));
    JsonNode r = run(m, out, "nq_open");
    // "The painter" -> "painter" = "the Painter" -> "painter"; "366 days" != "366"
    assertEquals(0.5, r.at("/results/nq_open").get("exact_match,remove_whitespace").asDouble(), 1e-12);
  }

  @Test
  void codeTasksRunCorrectAndWrongSolutionsInTheSandbox(@TempDir Path out) throws IOException {
    SandboxSupport.assumeIsolation();
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    m.script("assert double_all([-3]) == [-6]\n[BEGIN]\n", List.of("def double_all(xs):\n  return [x * 2 for x in xs]\n[DONE]"));
    m.script("assert count_vowels('Aeiou') == 5\n[BEGIN]\n", // misses upper-case vowels: the third assert fails
        List.of("def count_vowels(s):\n  return sum(1 for c in s if c in 'aeiou')\n[DONE]"));
    JsonNode r = run(m, out.resolve("mbpp"), "mbpp");
    assertEquals(0.5, r.at("/results/mbpp").get("pass_at_1,none").asDouble(), 1e-12);
    List<String> recs = Files.readAllLines(out.resolve("mbpp/samples_mbpp.jsonl"));
    JsonNode first = new ObjectMapper().readTree(recs.getFirst());
    // the completion ends with the newline before "[DONE]"; code_eval adds one more before the tests
    assertEquals("def double_all(xs):\n  return [x * 2 for x in xs]\n\nassert double_all([1, 2]) == [2, 4]\n"
        + "assert double_all([]) == []\nassert double_all([-3]) == [-6]", first.at("/filtered_resps/none/0").asText());
    assertEquals("passed", first.at("/execution/0/status").asText());
    assertEquals("failed", new ObjectMapper().readTree(recs.get(1)).at("/execution/0/status").asText());

    r = run(m, out.resolve("mbpp_plus"), "mbpp_plus");
    assertEquals(0.5, r.at("/results/mbpp_plus").get("pass_at_1,none").asDouble(), 1e-12);

    OracleModel h = new OracleModel("oracle", "a".repeat(64));
    // passes the docstring example but not EvalPlus's negative inputs: the extended check fails it
    h.script("    3\n    \"\"\"\n", List.of("    return a + b\n"));
    h.script("    1\n    \"\"\"\n", List.of("    return sum(1 for c in s if c.isupper())\n"));
    r = run(h, out.resolve("he"), "humaneval_plus");
    assertEquals(0.5, r.at("/results/humaneval_plus").get("pass@1,create_test").asDouble(), 1e-12);
  }

  @Test
  void hendrycksMathPromptAndStripStringEquivalence(@TempDir Path out) throws IOException {
    TaskPlan p = plan("hendrycks_math", RunSettings.defaults());
    assertEquals("Problem: What is the value of $x$ if $3x + 4 = 19$?\nAnswer:", p.all().getFirst().context());
    assertEquals("49\\text{ square centimeters}", p.task().target(p.subtasks().get("hendrycks_math_geometry")
        .getFirst().doc()));
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    m.script("Answer:", List.of(" I cannot say."));
    m.script("$3x + 4 = 19$?\nAnswer:", List.of(" $5$"));
    m.script("Simplify $\\frac{6}{8}$.\nAnswer:", List.of(" $0.75$")); // "0.75" vs "\frac{3}{4}": 0
    m.script("put in a row?\nAnswer:", List.of(" 6"));
    m.script("in square centimeters?\nAnswer:", List.of(" $49$")); // the reference's "\text{ ...}" units are cut
    JsonNode r = run(m, out, "hendrycks_math");
    assertEquals(0.5, r.at("/results/hendrycks_math_algebra").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(1.0, r.at("/results/hendrycks_math_geometry").get("exact_match,none").asDouble(), 1e-12);
    assertEquals(3.0 / 8, r.at("/groups/hendrycks_math").get("exact_match,none").asDouble(), 1e-12);
  }

  @Test
  void mbppPlusExtendedRunsEvalPlusTestsThatTheBaseAssertsMiss(@TempDir Path out) throws IOException {
    SandboxSupport.assumeIsolation();
    OracleModel m = new OracleModel("oracle", "a".repeat(64));
    // drops zeros: passes the three base asserts, fails EvalPlus's input [0, 7, -1]
    m.script("assert double_all([-3]) == [-6]\n[BEGIN]\n",
        List.of("def double_all(xs):\n  return [x * 2 for x in xs if x != 0]\n[DONE]"));
    m.script("assert count_vowels('Aeiou') == 5\n[BEGIN]\n",
        List.of("def count_vowels(s):\n  return sum(1 for c in s.lower() if c in 'aeiou')\n[DONE]"));
    JsonNode r = run(m, out.resolve("base"), "mbpp_plus");
    assertEquals(1.0, r.at("/results/mbpp_plus").get("pass_at_1,none").asDouble(), 1e-12);
    r = run(m, out.resolve("ext"), "mbpp_plus_extended");
    assertEquals(0.5, r.at("/results/mbpp_plus_extended").get("pass_at_1,none").asDouble(), 1e-12);
    JsonNode rec = new ObjectMapper().readTree(Files.readAllLines(
        out.resolve("ext/samples_mbpp_plus_extended.jsonl")).getFirst());
    assertTrue(rec.at("/execution/0/result").asText().contains("input 2"), rec.get("execution").toString());
  }
}
