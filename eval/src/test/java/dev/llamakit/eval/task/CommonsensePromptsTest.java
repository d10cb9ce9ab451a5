package dev.llamakit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.eval.data.BoolqLoader;
import dev.llamakit.eval.data.HellaswagLoader;
import dev.llamakit.eval.data.OpenBookQaLoader;
import dev.llamakit.eval.data.HellaswagText;
import dev.llamakit.eval.data.PiqaLoader;
import dev.llamakit.eval.data.WinograndeLoader;
import dev.llamakit.eval.model.LoglikelihoodRequest;
import dev.llamakit.eval.run.MultipleChoiceScorer;
import dev.llamakit.eval.run.PlannedDoc;
import dev.llamakit.eval.testing.FixtureData;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * PIQA and HellaSwag prompts and continuations of the hand-written fixture documents equal, byte for byte, what
 * lm-eval's {@code piqa}, {@code hellaswag} and {@code winogrande}  (and boolq, openbookqa) configs render (expected strings derived by hand from those configs:
 * {@code doc_to_text}, {@code doc_to_choice}, {@code target_delimiter " "}, hellaswag's {@code process_docs},
 * winogrande's {@code preprocess_winogrande} and lm-eval's multiple-input requests).
 */
class CommonsensePromptsTest {
  static final TaskRegistry REG = TaskRegistry.builtIn();

  private static Path fixtures() {
    return FixtureData.handWritten();
  }

  private static LoglikelihoodRequest request(Task task, Doc doc, List<Doc> shots) {
    return new MultipleChoiceScorer(task).request(new PlannedDoc(task.name(), doc, task.context(doc, shots), "k"));
  }

  @Test
  void piqaQuestionAnswerWithBothSolutions() {
    Task task = REG.get("piqa");
    List<Doc> valid = new PiqaLoader().load(fixtures().resolve("piqa"), "valid");
    assertEquals(3, valid.size());
    LoglikelihoodRequest r = request(task, valid.get(0), List.of());
    assertEquals("Question: To keep a candle from dripping onto the table,\nAnswer:", r.context());
    assertEquals(List.of(" stand it in a saucer before lighting it.",
        " stand it in a glass of water before lighting it."), r.continuations());
    assertEquals(0, task.gold(valid.get(0)));
    // one shot from train (label 1: the shot's answer is sol2)
    List<Doc> train = new PiqaLoader().load(fixtures().resolve("piqa"), "train");
    r = request(task, valid.get(1), List.of(train.get(1)));
    assertEquals("Question: How can I stop a door from squeaking?\nAnswer: Rub a little oil into the hinges.\n\n"
        + "Question: How do I loosen a stuck jar lid?\nAnswer:", r.context());
    assertEquals(" Run the lid under hot water for a minute, then twist.", r.continuations().get(0));
    assertEquals(0, task.spec().numFewshot());
  }

  @Test
  void hellaswagQueryAndEndingsArePreprocessedAsLmEval() {
    Task task = REG.get("hellaswag");
    List<Doc> val = new HellaswagLoader().load(fixtures().resolve("hellaswag"), "val");
    LoglikelihoodRequest r = request(task, val.get(0), List.of());
    assertEquals("Walking the dog: A woman clips a leash onto a small dog's collar. She", r.context());
    assertEquals(List.of(" eats the leash and sits down.", " flies over the fence with the dog.",
        " opens the front door and walks out with the dog.", " paints the dog blue in the kitchen."),
        r.continuations());
    assertEquals(2, task.gold(val.get(0)));

    // WikiHow markup: " [title]" becomes ". ", brackets vanish, double spaces collapse; ctx_b is capitalized
    // (first letter up, the rest down: "SOIL" -> "soil"); the label is a string here, as in the HF conversion
    r = request(task, val.get(1), List.of());
    assertEquals("Home and Garden: How to water a cactus. Check the soil first. Push a finger into the soil. "
        + "If the soil is dry,", r.context());
    assertEquals(List.of("  pour a cup of sand on it.", // the bracket is removed after strip(): its space stays
        " water it slowly until water drains from the bottom. Let the pot drain fully.",
        " put the cactus in the freezer.", " cover the pot with a plastic bag. and forget it."), r.continuations());
    assertEquals(1, task.gold(val.get(1)));

    // empty ctx_a: "label:  " + capitalized ctx_b, the double space collapsed; capitalize lowers "He"
    r = request(task, val.get(2), List.of());
    assertEquals("Baking cookies: A man pours flour into a bowl. he", r.context());
    assertEquals(0, task.gold(val.get(2)));

    List<Doc> train = new HellaswagLoader().load(fixtures().resolve("hellaswag"), "train");
    r = request(task, val.get(0), List.of(train.get(0)));
    assertEquals("Washing dishes: A boy fills the sink with soapy water. He scrubs the plates one by one.\n\n"
        + "Walking the dog: A woman clips a leash onto a small dog's collar. She", r.context());
  }

  @Test
  void winograndeScoresTheRestOfTheSentenceAfterEachFilledInOption() {
    Task task = REG.get("winogrande");
    List<Doc> dev = new WinograndeLoader().load(fixtures().resolve("winogrande"), "dev");
    var scorer = new MultipleChoiceScorer(task);
    List<LoglikelihoodRequest> r = scorer.requests(new PlannedDoc("winogrande", dev.get(0),
        task.context(dev.get(0), List.of()), "k"));
    assertEquals(List.of(
        new LoglikelihoodRequest("Maria lent her umbrella to Jenny because Maria", List.of(" was walking home in the rain.")),
        new LoglikelihoodRequest("Maria lent her umbrella to Jenny because Jenny", List.of(" was walking home in the rain."))),
        r);
    assertEquals(1, task.gold(dev.get(0)));
    // blank first: the options alone are the contexts
    r = scorer.requests(new PlannedDoc("winogrande", dev.get(1), task.context(dev.get(1), List.of()), "k"));
    assertEquals("The lamp", r.get(0).context());
    assertEquals("The box", r.get(1).context());
    assertEquals(List.of(" could not fit in the box because it was too big."), r.get(1).continuations());
    // blank last: the continuation is the delimiter and the full stop
    r = scorer.requests(new PlannedDoc("winogrande", dev.get(2), task.context(dev.get(2), List.of()), "k"));
    assertEquals(List.of(" ."), r.get(0).continuations());
    assertEquals("Ann beat Beth at chess, so the winner was Beth", r.get(1).context());
    // a shot is its right option's sentence head, the delimiter and the rest of its sentence
    List<Doc> train = new WinograndeLoader().load(fixtures().resolve("winogrande"), "train_xl");
    r = scorer.requests(new PlannedDoc("winogrande", dev.get(0), task.context(dev.get(0), List.of(train.get(0))), "k"));
    assertEquals("The cat chased the mouse until the mouse hid under the stove.\n\n"
        + "Maria lent her umbrella to Jenny because Maria", r.get(0).context());
    assertEquals(List.of(" was walking home in the rain."), r.get(0).continuations());
  }

  @Test
  void boolqPassageQuestionMarkAndNoYes() {
    Task task = REG.get("boolq");
    List<Doc> val = new BoolqLoader().load(fixtures().resolve("boolq"), "val");
    LoglikelihoodRequest r = request(task, val.get(1), List.of());
    assertEquals("Penguin -- Penguins are seabirds that swim with their flippers; they cannot fly through the air.\n"
        + "Question: can penguins fly?\nAnswer:", r.context());
    assertEquals(List.of(" no", " yes"), r.continuations());
    assertEquals(0, task.gold(val.get(1)));
    assertEquals(1, task.gold(val.get(0)));
    List<Doc> train = new BoolqLoader().load(fixtures().resolve("boolq"), "train");
    assertEquals("Ice -- Frozen water is less dense than liquid water, so ice floats.\nQuestion: does ice float on water?"
        + "\nAnswer: yes\n\nTomato -- Botanically, the tomato is the berry of its plant, although cooks treat it as a "
        + "vegetable.\nQuestion: is a tomato botanically a fruit?\nAnswer:", request(task, val.get(0), train).context());
  }

  @Test
  void openbookqaStemAloneAndOptionTexts() {
    Task task = REG.get("openbookqa");
    List<Doc> test = new OpenBookQaLoader().load(fixtures().resolve("openbookqa"), "test");
    LoglikelihoodRequest r = request(task, test.get(0), List.of());
    assertEquals("Which of these would melt fastest on a hot stove", r.context());
    assertEquals(List.of(" a stone", " an ice cube", " a steel spoon", " a brick"), r.continuations());
    assertEquals(1, task.gold(test.get(0)));
    assertEquals(3, task.gold(test.get(1))); // answerKey " D": lstrip()ped as lm-eval does
    List<Doc> train = new OpenBookQaLoader().load(fixtures().resolve("openbookqa"), "train");
    assertEquals("A magnet will pick up a paper clip\n\nPlants make their food using",
        request(task, test.get(1), train).context());
  }

  @Test
  void preprocessFollowsPythonStringSemantics() {
    assertEquals("a b", HellaswagText.preprocess("  a [x] b  "));     // strip first, then "a  b" -> "a b"
    assertEquals("a  b", HellaswagText.preprocess("a    b"));         // one non-overlapping pass: 4 -> 2 spaces
    assertEquals("a c] d", HellaswagText.preprocess("a [b] [c c] d".replace("[c c]", "c]")));
    assertEquals("Title. Body", HellaswagText.preprocess("Title [title] Body"));
    assertEquals("Hello world", HellaswagText.capitalize("hELLO WORLD"));
    assertEquals("", HellaswagText.capitalize(""));
  }
}
