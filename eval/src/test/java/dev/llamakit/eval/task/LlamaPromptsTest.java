package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.chat.ChatTemplate;
import dev.llamakit.engine.chat.Message;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.eval.data.Gsm8kLoader;
import dev.llamakit.eval.data.MmluCsvLoader;
import dev.llamakit.eval.model.ModelIdentity;
import dev.llamakit.eval.run.RunSettings;
import dev.llamakit.eval.run.TaskPlan;
import dev.llamakit.eval.testing.FixtureData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code *_llama} tasks (lm-eval 4e7e0d47f lm_eval/tasks/llama3/instruct and gsm8k/gsm8k-cot-llama.yaml): prompts
 * as plain text and as the turns a chat template renders, expected strings written out from those YAML files and
 * utils.py (build_qa_turn's gen_prefix rules: a shot's answer reads {@code "The best answer is A."}).
 */
class LlamaPromptsTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();
  static final String MMLU_Q0 = "Given the following question and four candidate answers (A, B, C and D), choose the "
      + "best answer.\nQuestion: Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.\nA. 0\nB. 1\nC. 2\nD. 3\n"
      + "Your response should end with \"The best answer is [the_answer_letter]\" where the [the_answer_letter] is "
      + "one of A, B, C or D.";
  static final String GSM_HEAD = "Given the following problem, reason and give a final answer to the problem.\n"
      + "Problem: ";
  static final String GSM_TAIL = "\nYour response should end with \"The final answer is [answer]\" where [answer] is "
      + "the response to the problem.";

  static List<Doc> algebra(String split) {
    Path mmlu = SharedFiles.require("data/benchmarks/mmlu/cais-canonical-hendrycks-layout");
    return MmluCsvLoader.subject(mmlu.resolve(split + "/abstract_algebra_" + split + ".csv"), "abstract_algebra", split);
  }

  @Test
  void mmluLlamaShotsEndWithTheBestAnswerIsLetterDot() {
    Task task = REG.get("mmlu_llama");
    List<Doc> dev = algebra("dev");
    Doc doc = algebra("test").get(1);
    String q = "Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n"
        + "Question: Let p = (1, 2, 5, 4)(2, 3) in S_5 . Find the index of <p> in S_5.\nA. 8\nB. 2\nC. 24\nD. 120\n"
        + "Your response should end with \"The best answer is [the_answer_letter]\" where the [the_answer_letter] is "
        + "one of A, B, C or D.";
    assertEquals(MMLU_Q0 + " The best answer is B.\n\n" + q + " The best answer is",
        task.context(doc, dev.subList(0, 1)));
    assertEquals("C.", task.target(doc));
    // multiturn: the shot's answer is its own assistant turn; the open one holds the gen_prefix
    List<Message> turns = ChatPrompt.messages(task, doc, dev.subList(0, 1), null, true);
    assertEquals(List.of(Message.user(MMLU_Q0), Message.assistant("The best answer is B."), Message.user(q),
        Message.assistant("The best answer is")), turns);
    ChatTemplate llama3 = ChatTemplate.byName("llama3");
    assertEquals("<|start_header_id|>user<|end_header_id|>\n\n" + MMLU_Q0 + "<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\nThe best answer is B.<|eot_id|>"
        + "<|start_header_id|>user<|end_header_id|>\n\n" + q + "<|eot_id|>"
        + "<|start_header_id|>assistant<|end_header_id|>\n\nThe best answer is",
        ChatPrompt.render(turns, m -> llama3.render(m, true)));
    // single turn: shots and question in one user message without the last delimiter, the prefix stays apart
    assertEquals(List.of(Message.user(MMLU_Q0 + " The best answer is B.\n\n" + q),
        Message.assistant("The best answer is")), ChatPrompt.messages(task, doc, dev.subList(0, 1), null, false));
    assertEquals(5, task.spec().numFewshot());
  }

  @Test
  void mmluCotLlamaIsZeroShotWithMetasStepByStepInstruction() {
    Task task = REG.get("mmlu_cot_llama");
    Doc doc = algebra("test").get(0);
    assertEquals("Given the following question and four candidate answers (A, B, C and D), choose the best answer.\n\n"
        + "Question: Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\n"
        + "A. 0\nB. 4\nC. 2\nD. 6\n\n- For simple problems:\nDirectly provide the answer with minimal explanation.\n\n"
        + "- For complex problems:\nUse this step-by-step format:\n## Step 1: [Concise description]\n"
        + "[Brief explanation]\n## Step 2: [Concise description]\n[Brief explanation]\n\nRegardless of the approach, "
        + "always conclude with:\nThe best answer is [the_answer_letter].\nwhere the [the_answer_letter] is one of A, "
        + "B, C or D.\n\nLet's think step by step.", task.context(doc, List.of()));
    assertEquals("B", task.target(doc));
  }

  @Test
  void mmluProLlamaShotsAreMetasPromptAndTheRewrittenChainOfThought() {
    Task task = REG.get("mmlu_pro_llama");
    TaskPlan plan = TaskPlan.of(task, FixtureData.handWritten(), RunSettings.defaults(), new ModelIdentity("m", "0"));
    String head = "Given the following question and candidate answers, choose the best answer.\nQuestion: ";
    String tail = "\nYour response should end with \"The best answer is [the_answer_letter].\" where the "
        + "[the_answer_letter] is a letter from the provided choices.\n\nLet's think step by step.";
    StringBuilder want = new StringBuilder();
    String[] letters = {"C", "D", "E", "F", "G"};
    for (int i = 0; i < 5; i++) {
      want.append(head).append("What is ").append(i + 1).append(" plus 2?\n")
          .append("A. 1\nB. 2\nC. 3\nD. 4\nE. 5\nF. 6\nG. 7\nH. 8\nI. 9\nJ. 10\n").append(tail).append(' ')
          .append(i + 1).append(" plus 2 is ").append(i + 3).append(". The best answer is ").append(letters[i])
          .append(".\n\n");
    }
    want.append(head).append("What is 7 times 6?\nA. 36\nB.   42 \nC. 48\nD. 54\nE. 56\nF. 63\nG. 64\nH. 40\nI. 49\n"
        + "J. 45\n").append(tail);
    assertEquals(want.toString(), plan.subtasks().get("mmlu_pro_llama_math").get(0).context(),
        "options as written (not stripped), a blank line after them, no description");
  }

  @Test
  void gsm8kCotLlamaHasNoTargetDelimiterAndExemplarsWithoutAFinalPeriod() {
    Task task = REG.get("gsm8k_cot_llama");
    Path gsm = SharedFiles.require("data/benchmarks/gsm8k");
    Doc doc = new Gsm8kLoader().load(gsm, "test").get(0);
    List<Doc> shots = task.fixedShots();
    assertEquals(8, shots.size());
    String first = GSM_HEAD + "There are 15 trees in the grove. Grove workers will plant trees in the grove today. "
        + "After they are done, there will be 21 trees. How many trees did the grove workers plant today?" + GSM_TAIL
        + "\nThere are 15 trees originally. Then there were 21 trees after some more were planted. So there must have "
        + "been 21 - 15 = 6. The final answer is 6\n\n";
    String question = GSM_HEAD + doc.text("question") + GSM_TAIL + "\n";
    assertEquals(first + question, task.context(doc, shots.subList(0, 1)));
    assertEquals("Olivia had 23 dollars. 5 bagels for 3 dollars each will be 5 x 3 = 15 dollars. So she has 23 - 15 "
        + "dollars left. 23 - 15 is 8. The final answer is 8", task.shotTarget(shots.get(7)));
    assertEquals("18", task.target(doc));
    String all = task.context(doc, shots);
    assertEquals(8, all.split("Given the following problem", -1).length - 2, "8 shots, then the question");
  }

  @Test
  void gsm8kLlamaExemplarsEndWithAPeriodAfterASpace() {
    Task task = REG.get("gsm8k_llama");
    Path gsm = SharedFiles.require("data/benchmarks/gsm8k");
    Doc doc = new Gsm8kLoader().load(gsm, "test").get(0);
    List<Doc> shots = task.fixedShots();
    assertEquals(GSM_HEAD + "If there are 3 cars in the parking lot and 2 more cars arrive, how many cars are in the "
        + "parking lot?" + GSM_TAIL + " There are originally 3 cars. 2 more cars arrive. 3 + 2 = 5. The final answer is "
        + "5.\n\n" + GSM_HEAD + doc.text("question") + GSM_TAIL, task.context(doc, shots.subList(1, 2)));
    assertEquals(List.of(), task.spec().generation().until());
    assertEquals(1024, task.spec().generation().maxGenToks());
  }
}
