package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.eval.data.ArcFourChoiceLoader;
import dev.llamakit.eval.data.ArcLetterLoader;
import dev.llamakit.eval.data.GpqaLoader;
import dev.llamakit.eval.data.GpqaSeed42Loader;
import dev.llamakit.eval.data.SiqaLoader;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.run.MultipleChoiceScorer;
import dev.llamakit.eval.run.PlannedDoc;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.run.TaskPlan;
import dev.llamakit.eval.testing.FixtureData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The prompts of siqa, mmlu_pro, the gpqa flavours and the ARC generation variants for the hand-written fixture
 * documents equal, byte for byte, what lm-eval 4e7e0d47f builds (expected strings derived by hand from
 * siqa/siqa.yaml, mmlu_pro/_default_template_yaml + utils.py, gpqa/{zeroshot,n_shot,cot_zeroshot}, arc/arc_challenge_chat.yaml and
 * llama3/instruct/arc_challenge; the GPQA choice orders were computed with CPython's {@code random.Random(0)} and
 * {@code random.Random(42)} shuffling the preprocessed answers).
 */
class QaTasksPromptsTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();
  static final ModelIdentity MODEL = new ModelIdentity("m", "0");
  static final String ONE_TO_TEN = "A. 1\nB. 2\nC. 3\nD. 4\nE. 5\nF. 6\nG. 7\nH. 8\nI. 9\nJ. 10\n";

  private static LoglikelihoodRequest request(Task task, Doc doc, List<Doc> shots) {
    return new MultipleChoiceScorer(task).request(new PlannedDoc(task.name(), doc, task.context(doc, shots), "k"));
  }

  @Test
  void siqaContextAndQuestionThenTheThreeAnswers() {
    Task task = REG.get("siqa");
    List<Doc> dev = new SiqaLoader().load(FixtureData.handWritten().resolve("siqa"), "dev");
    LoglikelihoodRequest r = request(task, dev.get(1), List.of());
    assertEquals("Q: Lena forgot her friend's birthday and felt awful. What will Lena want to do next?\nA:", r.context());
    assertEquals(List.of(" forget it again", " apologize to her friend", " throw a party for herself"), r.continuations());
    assertEquals(1, task.gold(dev.get(1)));
    List<Doc> train = new SiqaLoader().load(FixtureData.handWritten().resolve("siqa"), "train");
    assertEquals("Q: Ana held the door open for the man carrying boxes. How would you describe Ana?\nA: helpful\n\n"
        + "Q: Tom baked bread for his neighbours after they helped him move. Why did Tom do this?\nA:",
        request(task, dev.get(0), List.of(train.get(0))).context());
    assertEquals(List.of("acc"), task.spec().metrics().stream().map(TaskSpec.MetricSpec::metric).toList());
  }

  @Test
  void mmluProFiveChainOfThoughtShotsOfTheSameCategory() {
    Task task = REG.get("mmlu_pro");
    TaskPlan plan = TaskPlan.of(task, FixtureData.handWritten(), RunSettings.defaults(), MODEL);
    assertEquals(List.of("mmlu_pro_math", "mmlu_pro_computer_science"), List.copyOf(plan.subtasks().keySet()));
    String math = plan.subtasks().get("mmlu_pro_math").get(0).context();
    StringBuilder want = new StringBuilder("The following are multiple choice questions (with answers) about math. "
        + "Think step by step and then finish your answer with \"the answer is (X)\" where X is the correct letter "
        + "choice.\n");
    String[] letters = {"C", "D", "E", "F", "G"};
    for (int i = 0; i < 5; i++) {
      want.append("Question:\nWhat is ").append(i + 1).append(" plus 2?\nOptions:\n").append(ONE_TO_TEN)
          .append("Answer: Let's think step by step. ").append(i + 1).append(" plus 2 is ").append(i + 3)
          .append(". The answer is (").append(letters[i]).append(").\n\n");
    }
    want.append("Question:\nWhat is 7 times 6?\nOptions:\nA. 36\nB. 42\nC. 48\nD. 54\nE. 56\nF. 63\nG. 64\nH. 40\n"
        + "I. 49\nJ. 45\nAnswer: Let's think step by step.");
    assertEquals(want.toString(), math);

    // the computer science subtask: its own description word and its own five shots (the first five of its rows)
    String cs = plan.subtasks().get("mmlu_pro_computer_science").get(0).context();
    assertEquals("The following are multiple choice questions (with answers) about computer science. Think step by "
        + "step and then finish your answer with \"the answer is (X)\" where X is the correct letter choice.\n"
        + "Question:\nWhich part of a computer runs the instructions of a program?\nOptions:\nA. Monitor\nB. CPU\n"
        + "C. Keyboard\nD. Printer\nAnswer: Let's think step by step. The central processing unit executes "
        + "instructions. The answer is (B).\n\n"
        + "Question:\nWhich binary number equals 1?\nOptions:\nA. 0\nB. 1\nC. 10\nD. 11\nE. 100\n"
        + "Answer: Let's think step by step. 1 in base two is 1. The answer is (B).\n\n"
        + "Question:\nWhich binary number equals 2?\nOptions:\nA. 0\nB. 1\nC. 10\nD. 11\nE. 100\n"
        + "Answer: Let's think step by step. 2 in base two is 10. The answer is (C).\n\n"
        + "Question:\nWhich binary number equals 3?\nOptions:\nA. 0\nB. 1\nC. 10\nD. 11\nE. 100\n"
        + "Answer: Let's think step by step. 3 in base two is 11. The answer is (D).\n\n"
        + "Question:\nWhich binary number equals 4?\nOptions:\nA. 0\nB. 1\nC. 10\nD. 11\nE. 100\n"
        + "Answer: Let's think step by step. 4 in base two is 100. The answer is (E).\n\n"
        + "Question:\nWhich data structure is last in, first out?\nOptions:\nA. Queue\nB. Stack\nC. Heap\n"
        + "D. Tree\nAnswer: Let's think step by step.", cs);
    assertEquals("B", task.target(plan.subtasks().get("mmlu_pro_computer_science").get(0).doc()));
  }

  @Test
  void gpqaZeroShotShufflesWithSeedZeroAndScoresTheLetters() {
    Task task = REG.get("gpqa_main_zeroshot");
    List<Doc> main = new GpqaLoader().load(FixtureData.handWritten().resolve("gpqa"), "main");
    assertEquals(4, main.size());
    LoglikelihoodRequest r = request(task, main.get(0), List.of());
    assertEquals("What is the correct answer to this question:A ball is dropped from rest. How far does it fall in "
        + "the first 2 seconds (g = 10 m/s^2)?\nChoices:\n(A) 5 m\n(B) 10 m\n(C) 40 m\n(D) 20 m\nAnswer:", r.context());
    assertEquals(List.of(" (A)", " (B)", " (C)", " (D)"), r.continuations());
    assertEquals(3, task.gold(main.get(0)));
    // " [title]" -> ". ", a double space halved, "N/A" read as NaN -> " ", the question kept as written
    assertEquals(List.of("Oxygen gas", "Carbon dioxide. CO2", "Nitrogen", "Argon"), main.get(1).list("choices"));
    assertEquals(2, task.gold(main.get(1)));
    assertEquals("What is the correct answer to this question:In a diploid cell, how many copies of each autosome "
        + "are there?\nAnswer with a number.\nChoices:\n(A) 1\n(B) 4\n(C)  \n(D) 2\nAnswer:",
        request(task, main.get(2), List.of()).context());
    assertEquals("(C)", main.get(3).text("answer"));
  }

  @Test
  void gpqaNShotShufflesWithSeed42AndWritesShotsWithTheirLetter() {
    Task task = REG.get("gpqa_main_n_shot");
    List<Doc> main = new GpqaSeed42Loader().load(FixtureData.handWritten().resolve("gpqa"), "main");
    assertEquals(List.of("5 m", "40 m", "20 m", "10 m"), main.get(0).list("choices"));
    assertEquals(List.of(2, 0, 1, 3), main.stream().map(task::gold).toList());
    assertEquals("Here are some example questions from experts. Answer the final question yourself, following the "
        + "format of the previous questions exactly.\n"
        + "Question: What is the derivative of x^3?\nChoices:\n(A) 3x\n(B) x^3/3\n(C) x^2\n(D) 3x^2\nAnswer: (D)\n\n"
        + "Question: Which gas makes up most of Earth's atmosphere?\nChoices:\n(A) Nitrogen\n(B) Argon\n"
        + "(C) Oxygen gas\n(D) Carbon dioxide. CO2\nAnswer:", request(task, main.get(1), List.of(main.get(3))).context());
    // lm-eval's shots come from the same file with the scored question left out (n + 1 drawn)
    TaskPlan plan = TaskPlan.of(task, FixtureData.handWritten(), RunSettings.defaults().withNumFewshot(2), MODEL);
    for (PlannedDoc p : plan.all()) {
      String q = p.doc().text("Question");
      assertEquals(1, p.context().split(java.util.regex.Pattern.quote(q), -1).length - 1, "the scored question once");
    }
  }

  @Test
  void gpqaDiamondFlavoursReadTheirOwnFileWithTheSamePrompts(@TempDir Path dir) throws Exception {
    Files.copy(FixtureData.handWritten().resolve("gpqa/gpqa_main.csv"), dir.resolve("gpqa_diamond.csv"));
    for (String flavour : List.of("zeroshot", "n_shot", "cot_zeroshot")) {
      Task main = REG.get("gpqa_main_" + flavour);
      Task diamond = REG.get("gpqa_diamond_" + flavour);
      assertEquals("diamond", diamond.spec().dataset().testSplit());
      List<Doc> docs = dev.llamakit.eval.data.Datasets.loader(diamond.spec().dataset().loader()).load(dir, "diamond");
      List<Doc> same = dev.llamakit.eval.data.Datasets.loader(main.spec().dataset().loader())
          .load(FixtureData.handWritten().resolve("gpqa"), "main");
      assertEquals(main.context(same.get(2), List.of()), diamond.context(docs.get(2), List.of()), flavour);
    }
  }

  @Test
  void gpqaExtendedFlavoursReadTheirOwnFileWithTheSamePrompts(@TempDir Path dir) throws Exception {
    Files.copy(FixtureData.handWritten().resolve("gpqa/gpqa_main.csv"), dir.resolve("gpqa_extended.csv"));
    for (String flavour : List.of("zeroshot", "n_shot", "cot_zeroshot", "cot_n_shot", "generative_n_shot")) {
      Task main = REG.get("gpqa_main_" + flavour);
      Task ext = REG.get("gpqa_extended_" + flavour);
      assertEquals("extended", ext.spec().dataset().testSplit());
      List<Doc> docs = dev.llamakit.eval.data.Datasets.loader(ext.spec().dataset().loader()).load(dir, "extended");
      List<Doc> same = dev.llamakit.eval.data.Datasets.loader(main.spec().dataset().loader())
          .load(FixtureData.handWritten().resolve("gpqa"), "main");
      assertEquals(main.context(same.get(2), List.of()), ext.context(docs.get(2), List.of()), flavour);
      assertEquals(main.context(same.get(1), List.of(same.get(3))), ext.context(docs.get(1), List.of(docs.get(3))),
          flavour);
    }
  }

  @Test
  void leaderboardMmluProIsOneFiveShotTaskScoringTheOptionLetters() {
    Task task = REG.get("leaderboard_mmlu_pro");
    TaskPlan plan = TaskPlan.of(task, FixtureData.handWritten(), RunSettings.defaults(), MODEL);
    List<PlannedDoc> docs = plan.subtasks().get("leaderboard_mmlu_pro");
    assertEquals(3, docs.size(), "one task over all categories");
    assertEquals(List.of(0, 1, 2), docs.stream().map(p -> p.doc().index()).toList(), "doc_id through the split");
    StringBuilder want = new StringBuilder();
    String[] letters = {"C", "D", "E", "F", "G"};
    for (int i = 0; i < 5; i++) { // the first five validation rows, whatever their category
      want.append("What is ").append(i + 1).append(" plus 2?\n").append(ONE_TO_TEN).append("Answer: ")
          .append(letters[i]).append("\n\n");
    }
    want.append("Which data structure is last in, first out?\nA. Queue\nB. Stack\nC. Heap\nD. Tree\nAnswer:");
    LoglikelihoodRequest r = new MultipleChoiceScorer(task).request(docs.get(1));
    assertEquals(want.toString(), r.context());
    assertEquals(List.of(" A", " B", " C", " D"), r.continuations());
    assertEquals(1, task.gold(docs.get(1).doc()));
    assertEquals(10, new MultipleChoiceScorer(task).request(docs.get(0)).continuations().size());
    assertTrue(docs.get(0).context().endsWith("Answer: G\n\nWhat is 7 times 6?\nA. 36\nB.   42 \nC. 48\nD. 54\n"
        + "E. 56\nF. 63\nG. 64\nH. 40\nI. 49\nJ. 45\nAnswer:"), "options as written: " + docs.get(0).context());
  }

  @Test
  void leaderboardGpqaEndsWithASpaceThatMovesIntoTheContinuations() {
    Task task = REG.get("leaderboard_gpqa_main");
    List<Doc> main = new dev.llamakit.eval.data.GpqaLeaderboardLoader()
        .load(FixtureData.handWritten().resolve("gpqa"), "main");
    LoglikelihoodRequest r = request(task, main.get(0), List.of());
    assertEquals("What is the correct answer to this question:A ball is dropped from rest. How far does it fall in "
        + "the first 2 seconds (g = 10 m/s^2)?\nChoices:\n(A) 5 m\n(B) 10 m\n(C) 40 m\n(D) 20 m\nAnswer:", r.context());
    assertEquals(List.of("  (A)", "  (B)", "  (C)", "  (D)"), r.continuations());
    assertEquals(3, task.gold(main.get(0)));
    assertEquals(List.of("acc_norm"), task.spec().metrics().stream().map(TaskSpec.MetricSpec::metric).toList());
  }

  @Test
  void gpqaCotAndGenerativeNShotWriteShotsAfterTheTargetDelimiter() {
    List<Doc> main = new GpqaLoader().load(FixtureData.handWritten().resolve("gpqa"), "main");
    String desc = "Here are some example questions from experts. Answer the final question yourself, following the "
        + "format of the previous questions exactly.\n";
    String shot = "Question: What is the derivative of x^3?\nChoices:\n(A) 3x\n(B) x^2\n(C) 3x^2\n(D) x^3/3\n";
    String q = "Question: Which gas makes up most of Earth's atmosphere?\nChoices:\n(A) Oxygen gas\n"
        + "(B) Carbon dioxide. CO2\n(C) Nitrogen\n(D) Argon\n";
    assertEquals(desc + shot + "Let's think step by step:  (C)\n\n" + q + "Let's think step by step: ",
        REG.get("gpqa_main_cot_n_shot").context(main.get(1), List.of(main.get(3))), "the shot's ': ' + ' ' + '(C)'");
    assertEquals(desc + shot + "Answer: (C)\n\n" + q + "Answer:",
        REG.get("gpqa_main_generative_n_shot").context(main.get(1), List.of(main.get(3))));
    assertEquals(List.of("</s>", "Question:", "<|im_end|>"),
        REG.get("gpqa_main_generative_n_shot").spec().generation().until());
  }

  @Test
  void gpqaCotZeroShotEndsWithLetsThinkStepByStep() {
    Task task = REG.get("gpqa_main_cot_zeroshot");
    List<Doc> main = new GpqaLoader().load(FixtureData.handWritten().resolve("gpqa"), "main");
    assertEquals("What is the correct answer to this question:What is the derivative of x^3?\nChoices:\n(A) 3x\n"
        + "(B) x^2\n(C) 3x^2\n(D) x^3/3\nLet's think step by step: ", task.context(main.get(3), List.of()));
    assertEquals("(C)", task.target(main.get(3)));
  }

  static final String INSTRUCTION = "Given the following question and four candidate answers (A, B, C and D), "
      + "choose the best answer.\nQuestion: ";
  static final String TAIL = "\nYour response should end with \"The best answer is [the_answer_letter]\" where the "
      + "[the_answer_letter] is one of A, B, C or D.";

  private static Path arcFile(Path dir) throws Exception {
    Path f = dir.resolve("arc/arc_challenge.jsonl");
    Files.createDirectories(f.getParent());
    Files.writeString(f, """
        {"query": "Question:  Which tool measures mass? ", "choices": ["a ruler", "a balance", "a thermometer", "a clock"], "gold": 1}
        {"query": "Question: Which is a liquid at room temperature?", "choices": ["iron", "water", "salt"], "gold": 1}
        {"query": "Question: Which planet is closest to the Sun?", "choices": ["Venus", "Earth", "Mars", "Jupiter", "Mercury"], "gold": 4}
        """);
    return f;
  }

  @Test
  void arcChallengeChatWritesMetasInstructionAndTheGenPrefix(@TempDir Path dir) throws Exception {
    Task task = REG.get("arc_challenge_chat");
    List<Doc> docs = new ArcLetterLoader().load(arcFile(dir), "test");
    assertEquals(3, docs.size());
    String q0 = INSTRUCTION + "Which tool measures mass?\nA. a ruler\nB. a balance\nC. a thermometer\nD. a clock" + TAIL;
    assertEquals(q0 + " The best answer is", task.context(docs.get(0), List.of()), "question.strip(), then ' ' + gen_prefix");
    assertEquals("B", task.target(docs.get(0)));
    // three choices: no D line; five: A-D shown, the gold letter E
    assertEquals(INSTRUCTION + "Which is a liquid at room temperature?\nA. iron\nB. water\nC. salt" + TAIL
        + " The best answer is", task.context(docs.get(1), List.of()));
    assertEquals(INSTRUCTION + "Which planet is closest to the Sun?\nA. Venus\nB. Earth\nC. Mars\nD. Jupiter" + TAIL
        + " The best answer is", task.context(docs.get(2), List.of()));
    assertEquals("E", task.target(docs.get(2)));

    // with the Llama 3 chat template (lm-eval: add_generation_prompt=False, continue_final_message=True)
    List<Message> single = ChatPrompt.messages(task, docs.get(0), List.of(), null, false);
    assertEquals(List.of(Message.user(q0), Message.assistant("The best answer is")), single);
    assertEquals(single, ChatPrompt.messages(task, docs.get(0), List.of(), null, true));
    ChatTemplate llama3 = ChatTemplate.byName("llama3");
    assertEquals("<|start_header_id|>user<|end_header_id|>\n\n" + q0 + "<|eot_id|><|start_header_id|>assistant"
        + "<|end_header_id|>\n\nThe best answer is", ChatPrompt.render(single, m -> llama3.render(m, true)));
    // a system instruction becomes the system turn
    assertEquals(List.of(Message.system("Be exact."), Message.user(q0), Message.assistant("The best answer is")),
        ChatPrompt.messages(task, docs.get(0), List.of(), "Be exact.", false));
  }

  @Test
  void arcChallengeLlamaKeepsFourChoiceQuestionsAndTheRawQuestion(@TempDir Path dir) throws Exception {
    Task task = REG.get("arc_challenge_llama");
    List<Doc> docs = new ArcFourChoiceLoader().load(arcFile(dir), "test");
    assertEquals(1, docs.size(), "3- and 5-choice questions are filtered out as Meta did");
    assertEquals(INSTRUCTION + " Which tool measures mass? \nA. a ruler\nB. a balance\nC. a thermometer\nD. a clock"
        + TAIL + " The best answer is", task.context(docs.get(0), List.of()), "{{ question }} is not stripped");
    assertEquals(0, docs.get(0).index());
    assertEquals(List.of(), task.spec().generation().until());
  }
}
