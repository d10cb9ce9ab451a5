package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.data.ArcLoader;
import dev.llamakit.eval.data.Gsm8kLoader;
import dev.llamakit.eval.data.HumanEvalLoader;
import dev.llamakit.eval.data.MmluCsvLoader;
import dev.llamakit.eval.model.ContextSplit;
import dev.llamakit.eval.run.MultipleChoiceScorer;
import dev.llamakit.eval.run.PlannedDoc;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompts equal lm-eval's, written out by hand from the documented templates and exemplars. */
class PromptRenderingTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();

  @Test
  void mmlu5ShotAbstractAlgebraFirstTestQuestion() {
    Path mmlu = SharedFiles.require("data/benchmarks/mmlu/cais-canonical-hendrycks-layout");
    Task task = REG.get("mmlu");
    List<Doc> dev = MmluCsvLoader.subject(mmlu.resolve("dev/abstract_algebra_dev.csv"), "abstract_algebra", "dev");
    Doc doc = MmluCsvLoader.subject(mmlu.resolve("test/abstract_algebra_test.csv"), "abstract_algebra", "test").get(0);
    String expected = """
        The following are multiple choice questions (with answers) about abstract algebra.

        Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.
        A. 0
        B. 1
        C. 2
        D. 3
        Answer: B

        Statement 1 | If aH is an element of a factor group, then |aH| divides |a|. Statement 2 | If H and K are subgroups of G then HK is a subgroup of G.
        A. True, True
        B. False, False
        C. True, False
        D. False, True
        Answer: B

        Statement 1 | Every element of a group generates a cyclic subgroup of the group. Statement 2 | The symmetric group S_10 has 10 elements.
        A. True, True
        B. False, False
        C. True, False
        D. False, True
        Answer: C

        Statement 1| Every function from a finite set onto itself must be one to one. Statement 2 | Every subgroup of an abelian group is abelian.
        A. True, True
        B. False, False
        C. True, False
        D. False, True
        Answer: A

        Find the characteristic of the ring 2Z.
        A. 0
        B. 3
        C. 12
        D. 30
        Answer: A

        Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.
        A. 0
        B. 4
        C. 2
        D. 6
        Answer:""";
    List<Doc> shots = new FewShotSampler("first_n", dev, false, 1234).next(doc, 5);
    String ctx = task.context(doc, shots);
    assertEquals(expected, ctx);
    assertEquals(1, task.gold(doc));
    var req = new MultipleChoiceScorer(task).request(new PlannedDoc("mmlu_abstract_algebra", doc, ctx, "k"));
    assertEquals(expected, req.context(), "no trailing space on the context");
    assertEquals(List.of(" A", " B", " C", " D"), req.continuations(), "the space belongs to the answer letter");
  }

  @Test
  void gsm8kCotUsesTheEightWeiExemplarsVerbatim() {
    Path gsm = SharedFiles.require("data/benchmarks/gsm8k");
    Task task = REG.get("gsm8k_cot");
    Doc doc = new Gsm8kLoader().load(gsm, "test").get(0);
    String expected = """
        Q: There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?
        A: There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. The answer is 6.

        Q: If there are 3 cars in the parking lot and 2 more cars arrive, how many cars are in the parking lot?
        A: There are originally 3 cars. 2 more cars arrive. 3 + 2 = 5. The answer is 5.

        Q: Leah had 32 chocolates and her sister had 42. If they ate 35, how many pieces do they have left in total?
        A: Originally, Leah had 32 chocolates. Her sister had 42. So in total they had 32 + 42 = 74. After eating 35, they had 74 - 35 = 39. The answer is 39.

        Q: Jason had 20 lollipops. He gave Denny some lollipops. Now Jason has 12 lollipops. How many lollipops did Jason give to Denny?
        A: Jason started with 20 lollipops. Then he had 12 after giving some to Denny. So he gave Denny 20 - 12 = 8. The answer is 8.

        Q: Shawn has five toys. For Christmas, he got two toys each from his mom and dad. How many toys does he have now?
        A: Shawn started with 5 toys. If he got 2 toys each from his mom and dad, then that is 4 more toys. 5 + 4 = 9. The answer is 9.

        Q: There were nine computers in the server room. Five more computers were installed each day, from monday to thursday. How many computers are now in the server room?
        A: There were originally 9 computers. For each of 4 days, 5 more computers were added. So 5 * 4 = 20 computers were added. 9 + 20 is 29. The answer is 29.

        Q: Michael had 58 golf balls. On tuesday, he lost 23 golf balls. On wednesday, he lost 2 more. How many golf balls did he have at the end of wednesday?
        A: Michael started with 58 golf balls. After losing 23 on tuesday, he had 58 - 23 = 35. After losing 2 more, he had 35 - 2 = 33 golf balls. The answer is 33.

        Q: Olivia has $23. She bought five bagels for $3 each. How much money does she have left?
        A: Olivia had 23 dollars. 5 bagels for 3 dollars each will be 5 x 3 = 15 dollars. So she has 23 - 15 dollars left. 23 - 15 is 8. The answer is 8.

        Q: Janet\u2019s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?
        A:""";
    assertEquals(expected, task.context(doc, task.fixedShots()));
    assertEquals("18", task.target(doc));
    assertEquals(List.of("Q:", "</s>", "<|im_end|>"), task.spec().generation().until());
  }

  @Test
  void gsm8kPlainShotsCarryTheFullRationale() {
    Path gsm = SharedFiles.require("data/benchmarks/gsm8k");
    Task task = REG.get("gsm8k");
    Doc doc = new Gsm8kLoader().load(gsm, "test").get(0);
    Doc shot = new Gsm8kLoader().load(gsm, "train").get(0);
    String expected = "Question: " + shot.text("question") + "\nAnswer: " + shot.text("answer") + "\n\n"
        + "Question: Janet\u2019s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes "
        + "muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 "
        + "per fresh duck egg. How much in dollars does she make every day at the farmers' market?\nAnswer:";
    assertEquals(expected, task.context(doc, List.of(shot)));
    assertEquals(5, task.spec().numFewshot());
    assertEquals("random", task.spec().fewshot().sampler());
  }

  @Test
  void humanevalPromptIsTheProblemPromptAlone() {
    Path he = SharedFiles.require("data/benchmarks/humaneval/HumanEval.jsonl.gz");
    Task task = REG.get("humaneval");
    Doc doc = HumanEvalLoader.problems(he).get(0);
    assertEquals("from typing import List\n\n\ndef has_close_elements(numbers: List[float], threshold: float) -> bool:\n"
        + "    \"\"\" Check if in given list of numbers, are any two numbers closer to each other than\n"
        + "    given threshold.\n    >>> has_close_elements([1.0, 2.0, 3.0], 0.5)\n    False\n"
        + "    >>> has_close_elements([1.0, 2.8, 3.0, 4.0, 5.0, 2.0], 0.3)\n    True\n    \"\"\"\n",
        task.context(doc, List.of()));
    assertEquals(List.of("\nclass", "\ndef", "\n#", "\nif", "\nprint"), task.spec().generation().until());
  }

  @Test
  void arcUsesQuestionAnswerAndTheAnswerTextAsContinuation() {
    Path arc = SharedFiles.require("data/benchmarks/arc/arc_easy.jsonl");
    Task task = REG.get("arc_easy");
    List<Doc> docs = new ArcLoader().load(arc, "test");
    Doc doc = docs.get(0);
    String ctx = task.context(doc, List.of(docs.get(1)));
    Doc s = docs.get(1);
    assertEquals("Question: " + s.text("question") + "\nAnswer: " + s.list("choices").get(s.integer("answer"))
        + "\n\nQuestion: Which statement best explains why photosynthesis is the foundation of most food webs?\nAnswer:",
        ctx);
    var req = new MultipleChoiceScorer(task).request(new PlannedDoc("arc_easy", doc, ctx, "k"));
    assertEquals(" Sunlight is the source of energy for nearly all ecosystems.", req.continuations().get(0));
    assertEquals(25, task.spec().numFewshot());
  }

  @Test
  void trailingContextWhitespaceMovesToTheContinuation() {
    assertEquals(new ContextSplit.Pair("Answer:", " A"), ContextSplit.of("Answer: ", "A"));
    assertEquals(new ContextSplit.Pair("x", "\n\n y"), ContextSplit.of("x\n\n", " y"));
    assertEquals(new ContextSplit.Pair("", " A"), ContextSplit.of(" ", "A"));
  }
}
