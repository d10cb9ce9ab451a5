package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.data.MmluCsvLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** lm-eval's chat-template prompt construction (fewshot_context, build_qa_turn, multiturn_to_singleturn). */
class ChatPromptTest {
  static final Task MMLU = TaskRegistry.builtIn().get("mmlu");
  static final String DESCRIPTION = "The following are multiple choice questions (with answers) about abstract algebra.\n\n";
  static final String SYSTEM = "You are a careful grader.";

  record Case(Doc doc, List<Doc> shots) {}

  static Case abstractAlgebra() {
    Path mmlu = SharedFiles.require("data/benchmarks/mmlu/cais-canonical-hendrycks-layout");
    List<Doc> dev = MmluCsvLoader.subject(mmlu.resolve("dev/abstract_algebra_dev.csv"), "abstract_algebra", "dev");
    Doc doc = MmluCsvLoader.subject(mmlu.resolve("test/abstract_algebra_test.csv"), "abstract_algebra", "test").get(0);
    return new Case(doc, dev.subList(0, 2));
  }

  @Test
  void multiturnKeepsEveryShotAsAUserAndAnAssistantTurn() {
    Case c = abstractAlgebra();
    List<Message> got = ChatPrompt.messages(MMLU, c.doc(), c.shots(), SYSTEM, true);
    assertEquals(List.of(
        Message.system(SYSTEM + "\n\n" + DESCRIPTION),
        Message.user(MMLU.text(c.shots().get(0))), Message.assistant("B"),
        Message.user(MMLU.text(c.shots().get(1))), Message.assistant("B"),
        Message.user(MMLU.text(c.doc()))), got);
    assertEquals("Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.\nA. 0\nB. 1\nC. 2\nD. 3\nAnswer:",
        got.get(1).content());
  }

  @Test
  void singleTurnCollapsesShotsAndQuestionIntoOneUserMessage() {
    Case c = abstractAlgebra();
    String user = MMLU.text(c.shots().get(0)) + " B\n\n" + MMLU.text(c.shots().get(1)) + " B\n\n" + MMLU.text(c.doc());
    assertEquals(List.of(Message.system(DESCRIPTION), Message.user(user)),
        ChatPrompt.messages(MMLU, c.doc(), c.shots(), null, false), "the description is the system message");
    assertEquals(List.of(Message.system(SYSTEM + "\n\n" + DESCRIPTION), Message.user(user)),
        ChatPrompt.messages(MMLU, c.doc(), c.shots(), SYSTEM, false));
    assertEquals(DESCRIPTION + user, MMLU.context(c.doc(), c.shots()), "plain text is description + the same text");
  }

  @Test
  void plainTextWithASystemInstructionPutsItBeforeTheDescription() {
    Case c = abstractAlgebra();
    assertEquals(SYSTEM + "\n\n" + MMLU.context(c.doc(), c.shots()), ChatPrompt.text(MMLU, c.doc(), c.shots(), SYSTEM));
    assertEquals("Be brief.\n" + MMLU.context(c.doc(), c.shots()),
        ChatPrompt.text(MMLU, c.doc(), c.shots(), "Be brief.\n"), "no delimiter after trailing whitespace");
    Task gsm = TaskRegistry.builtIn().get("gsm8k_cot"); // no description: the instruction runs into the first shot
    List<Doc> fixed = gsm.fixedShots();
    assertEquals("", gsm.description(fixed.get(1)));
    assertEquals(SYSTEM + gsm.context(fixed.get(1), fixed.subList(0, 1)),
        ChatPrompt.text(gsm, fixed.get(1), fixed.subList(0, 1), SYSTEM));
  }

  @Test
  void multiturnWithoutAChatTemplateIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ChatPrompt.Style(false, true, null));
  }
}
