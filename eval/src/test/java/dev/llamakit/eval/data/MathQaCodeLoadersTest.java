package dev.llamakit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.eval.task.Doc;
import dev.llamakit.eval.testing.FixtureData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MATH, TriviaQA, NQ-open, MBPP and EvalPlus loaders read their release layouts and name bad records. */
class MathQaCodeLoadersTest {
  static final Path DATA = FixtureData.handWritten();

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
  }

  @Test
  void mathReleaseLayout(@TempDir Path dir) throws IOException {
    List<Doc> docs = new MathLoader().load(DATA.resolve("MATH"), "test");
    assertEquals(List.of("algebra/7.json", "algebra/12.json", "counting_and_probability/3.json",
        "geometry/40.json", "intermediate_algebra/2.json", "number_theory/9.json", "prealgebra/1.json",
        "precalculus/5.json"), docs.stream().map(Doc::id).toList());
    Doc d = docs.get(2);
    assertEquals("counting_and_prob", d.text("subject"));
    assertEquals("Counting & Probability", d.text("type"));
    assertEquals("Level 2", d.text("level"));
    assertEquals("6", d.text("answer"));
    assertEquals("49\\text{ square centimeters}", docs.get(3).text("boxed"));
    assertEquals("49centi", docs.get(3).text("answer"));
    assertEquals("100000", docs.get(6).text("answer"));

    Path math = dir.resolve("MATH");
    copyTree(DATA.resolve("MATH"), math);
    Path bad = math.resolve("test/geometry/41.json");
    Files.writeString(bad, "{\"problem\": \"p\", \"level\": \"Level 1\", \"type\": \"Geometry\", \"solution\": \"no box\"}");
    var e = assertThrows(DataFormatException.class, () -> new MathLoader().load(math, "test"));
    assertTrue(e.getMessage().contains("geometry/41.json: field 'solution' has no \\boxed{...} answer"), e.getMessage());
    Files.writeString(bad, "{\"problem\": \"p\", \"level\": 1, \"type\": \"Geometry\", \"solution\": \"\\\\boxed{1}\"}");
    e = assertThrows(DataFormatException.class, () -> new MathLoader().load(math, "test"));
    assertTrue(e.getMessage().contains("41.json: field 'level' is missing or not a string"), e.getMessage());
    Files.writeString(bad, "{\"problem\": \"p\",\n\"level\" 3}");
    e = assertThrows(DataFormatException.class, () -> new MathLoader().load(math, "test"));
    assertTrue(e.getMessage().contains("41.json:2: not valid JSON"), e.getMessage());
    Files.delete(bad);
    e = assertThrows(DataFormatException.class, () -> new MathLoader().load(math, "train"));
    assertTrue(e.getMessage().contains("MATH/train/algebra: folder not found"), e.getMessage());
  }

  @Test
  void triviaqaRcFilesInNameOrder(@TempDir Path dir) throws IOException {
    Path qa = DATA.resolve("triviaqa/qa");
    List<Doc> dev = new TriviaQaLoader().load(qa, "dev");
    assertEquals(3, dev.size()); // web-dev.json, wikipedia-dev.json; verified-web-dev.json is not in rc's validation
    assertEquals(List.of("Mars", "The Red Planet", "Planet Mars"), dev.get(0).list("answer"));
    assertEquals(List.of("Eight", "8"), dev.get(2).list("answer")); // wikipedia-dev.json last, " 8" stripped
    assertEquals("How many legs does a spider have", dev.get(2).text("question"));
    assertEquals("hw_3", dev.get(2).text("question_id"));
    assertEquals(3, new TriviaQaLoader().load(qa, "train").size());

    Files.writeString(dir.resolve("web-dev.json"), "{\"Data\": [\n  {\"Question\": \"q\", \"QuestionId\": \"a\", "
        + "\"Answer\": {\"Aliases\": [\"x\"]}},\n  {\"Question\": \"q2\", \"QuestionId\": \"b\", \"Answer\": {}}\n]}\n");
    var e = assertThrows(DataFormatException.class, () -> new TriviaQaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("web-dev.json:3: Data[1]: field 'Answer.Aliases'"), e.getMessage());
    Files.writeString(dir.resolve("web-dev.json"), "{\"Data\": [\n  {\"Question\": \"q\",\n  \"QuestionId\" 1}]}");
    e = assertThrows(DataFormatException.class, () -> new TriviaQaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("web-dev.json:3: not valid JSON"), e.getMessage());
    Files.write(dir.resolve("web-dev.json"), new byte[] {'{', '\n', '"', (byte) 0xff, '"'});
    e = assertThrows(DataFormatException.class, () -> new TriviaQaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("web-dev.json:2: invalid UTF-8"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new TriviaQaLoader().load(dir, "train"));
    assertTrue(e.getMessage().contains("web-train.json: file not found"), e.getMessage());
  }

  @Test
  void nqOpenAnswersAreLists(@TempDir Path dir) throws IOException {
    List<Doc> dev = new NqOpenLoader().load(DATA.resolve("nq_open"), "dev");
    assertEquals(List.of("A. Painter", "the Painter"), dev.getFirst().list("answer"));
    Files.writeString(dir.resolve("NQ-open.dev.jsonl"), "{\"question\": \"q\", \"answer\": [\"a\"]}\n"
        + "{\"question\": \"q\", \"answer\": \"a\"}\n");
    var e = assertThrows(DataFormatException.class, () -> new NqOpenLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("NQ-open.dev.jsonl:2: field 'answer'"), e.getMessage());
  }

  @Test
  void mbppSplitsAreTaskIdRanges(@TempDir Path dir) throws IOException {
    Path f = DATA.resolve("mbpp/mbpp.jsonl");
    assertEquals(List.of("mbpp/11", "mbpp/12"), new MbppLoader().load(f, "test").stream().map(Doc::id).toList());
    assertEquals(List.of("mbpp/1"), new MbppLoader().load(f, "prompt").stream().map(Doc::id).toList());
    assertEquals(List.of("mbpp/601"), new MbppLoader().load(f, "train").stream().map(Doc::id).toList());
    assertEquals("def larger(a, b):\r\n  return a if a > b else b",
        new MbppLoader().load(f, "prompt").getFirst().text("code"));
    Path bad = dir.resolve("mbpp.jsonl");
    Files.writeString(bad, "{\"text\": \"t\", \"code\": \"c\", \"task_id\": 11, \"test_setup_code\": \"\", "
        + "\"test_list\": [\"assert 1\", \"assert 2\"], \"challenge_test_list\": []}\n");
    var e = assertThrows(DataFormatException.class, () -> new MbppLoader().load(bad, "test"));
    assertTrue(e.getMessage().contains("mbpp.jsonl:1: field 'test_list' holds 2 asserts"), e.getMessage());
  }

  @Test
  void evalPlusFilesWithoutTheExtendedTestsAreRefused(@TempDir Path dir) throws IOException {
    assertEquals(2, new HumanEvalPlusLoader().load(DATA.resolve("humaneval_plus/HumanEvalPlus.jsonl"), "test").size());
    List<Doc> mp = new MbppPlusLoader().load(DATA.resolve("mbpp_plus/MbppPlus.jsonl"), "test");
    assertEquals("Write a function to double every element of a list.", mp.getFirst().text("text"));
    assertEquals("11", mp.getFirst().text("task_id"));

    Path he = dir.resolve("HumanEvalPlus.jsonl");
    Files.writeString(he, "{\"task_id\": \"HumanEval/0\", \"prompt\": \"p\", \"entry_point\": \"f\", "
        + "\"canonical_solution\": \"c\", \"base_input\": [[1]], \"plus_input\": [[2]], \"atol\": 0}\n");
    var e = assertThrows(DataFormatException.class, () -> new HumanEvalPlusLoader().load(he, "test"));
    assertTrue(e.getMessage().contains("HumanEvalPlus.jsonl:1: a raw EvalPlus release record (base_input/plus_input)"),
        e.getMessage());
    // a raw record carrying a 'test' too is refused as well: that test need not hold the plus inputs
    Files.writeString(he, "{\"task_id\": \"HumanEval/0\", \"prompt\": \"p\", \"entry_point\": \"f\", "
        + "\"canonical_solution\": \"c\", \"test\": \"def check(c): pass\", \"plus_input\": [[2]]}\n");
    e = assertThrows(DataFormatException.class, () -> new HumanEvalPlusLoader().load(he, "test"));
    assertTrue(e.getMessage().contains("HumanEvalPlus.jsonl:1: a raw EvalPlus release record"), e.getMessage());
    Files.writeString(he, "{\"task_id\": \"HumanEval/0\", \"prompt\": \"p\", \"entry_point\": \"f\", "
        + "\"canonical_solution\": \"c\"}\n");
    e = assertThrows(DataFormatException.class, () -> new HumanEvalPlusLoader().load(he, "test"));
    assertTrue(e.getMessage().contains("HumanEvalPlus.jsonl:1: field 'test' (EvalPlus's extended check program) is "
        + "missing"), e.getMessage());
    Path mb = dir.resolve("MbppPlus.jsonl");
    Files.writeString(mb, "{\"task_id\": 2, \"prompt\": \"p\", \"code\": \"c\", \"test_list\": [\"a\", \"b\", \"c\"]}\n");
    e = assertThrows(DataFormatException.class, () -> new MbppPlusLoader().load(mb, "test"));
    assertTrue(e.getMessage().contains("MbppPlus.jsonl:1: field 'test' (EvalPlus's extended tests) is missing"),
        e.getMessage());
  }
}
