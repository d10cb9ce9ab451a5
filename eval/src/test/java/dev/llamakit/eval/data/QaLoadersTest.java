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

/** The siqa, mmlu_pro and gpqa loaders read their release layouts and name file, line and field of a bad record. */
class QaLoadersTest {
  @Test
  void siqaReadsJsonlAndOneBasedLabels(@TempDir Path dir) throws IOException {
    List<Doc> dev = new SiqaLoader().load(FixtureData.handWritten().resolve("siqa"), "dev");
    assertEquals(List.of(0, 1, 0), dev.stream().map(d -> d.integer("label")).toList());
    assertEquals(List.of("grateful", "angry", "bored"), dev.get(2).list("choices"));

    Files.writeString(dir.resolve("dev.jsonl"), "{\"context\": \"c\", \"question\": \"q\", \"answerA\": \"a\", "
        + "\"answerB\": \"b\", \"answerC\": \"c\"}\n{\"context\": \"c\", \"question\": \"q\", \"answerA\": \"a\", "
        + "\"answerB\": \"b\"}\n");
    Files.writeString(dir.resolve("dev-labels.lst"), "1\n4\n");
    var e = assertThrows(DataFormatException.class, () -> new SiqaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("dev-labels.lst:2: label must be 1, 2 or 3, got '4'"), e.getMessage());
    Files.writeString(dir.resolve("dev-labels.lst"), "1\n2\n");
    e = assertThrows(DataFormatException.class, () -> new SiqaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("dev.jsonl:2: field 'answerC' is missing"), e.getMessage());
    Files.writeString(dir.resolve("dev-labels.lst"), "1\n");
    e = assertThrows(DataFormatException.class, () -> new SiqaLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("holds 1 labels but"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new SiqaLoader().load(dir, "train"));
    assertTrue(e.getMessage().contains("train.jsonl: file not found"), e.getMessage());
  }

  @Test
  void mmluProDerivesOptionLinesTargetsAndSubtaskNames(@TempDir Path dir) throws IOException {
    List<Doc> test = new MmluProLoader().load(FixtureData.handWritten().resolve("mmlu_pro"), "test");
    assertEquals(3, test.size());
    assertEquals("A. 36\nB. 42\nC. 48\nD. 54\nE. 56\nF. 63\nG. 64\nH. 40\nI. 49\nJ. 45\n",
        test.get(0).text("options_text"), "options stripped, one line each");
    assertEquals("computer_science", test.get(1).text("subject"));
    assertEquals("computer science", test.get(1).text("category"));
    assertEquals(List.of(0, 0, 1), test.stream().map(Doc::index).toList(), "doc_id counts within the category");
    List<Doc> val = new MmluProLoader().load(FixtureData.handWritten().resolve("mmlu_pro"), "validation");
    assertEquals("1 plus 2 is 3. The answer is (C).", val.get(0).text("cot_target"));

    Path f = dir.resolve("test.jsonl");
    Files.writeString(f, "{\"question\": \"q\", \"options\": [\"a\", \"b\"], \"answer\": \"C\", \"cot_content\": \"\", "
        + "\"category\": \"math\"}\n");
    var e = assertThrows(DataFormatException.class, () -> new MmluProLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl:1: field 'answer' must be the letter of one of the 2 options, got 'C'"),
        e.getMessage());
    Files.writeString(f, "\n{\"question\": \"q\", \"options\": \"a\", \"answer\": \"A\", \"cot_content\": \"\", "
        + "\"category\": \"math\"}\n");
    e = assertThrows(DataFormatException.class, () -> new MmluProLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl:2: field 'options' is missing or not a non-empty array"),
        e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new MmluProLoader().load(dir, "validation"));
    assertTrue(e.getMessage().contains("validation.jsonl: file not found"), e.getMessage());
  }

  @Test
  void gpqaNeedsItsHeaderColumnsAndWholeRows(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("gpqa_main.csv");
    Files.writeString(f, "Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2\r\nq,a,b,c\r\n");
    var e = assertThrows(DataFormatException.class, () -> new GpqaLoader().load(dir, "main"));
    assertTrue(e.getMessage().contains("gpqa_main.csv:1: header has no column 'Incorrect Answer 3'"), e.getMessage());
    Files.writeString(f, "Record ID,Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3\r\n"
        + "r1,q,a,b,c,d\r\nr2,\"multi\r\nline\",a,b,c\r\n");
    e = assertThrows(DataFormatException.class, () -> new GpqaLoader().load(dir, "main"));
    assertTrue(e.getMessage().contains("gpqa_main.csv:3: expected 6 fields as the header, got 5"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new GpqaLoader().load(dir, "diamond"));
    assertTrue(e.getMessage().contains("gpqa_diamond.csv: file not found"), e.getMessage());
    assertEquals(" ", GpqaLoader.preprocess("NA"));
    // the leaderboard's preprocess also drops every [...] (non-greedy), then halves double spaces once
    assertEquals("Ohm law. V = IR", GpqaLoader.preprocess(" Ohm [unit] law [title] V = IR", true));
    assertEquals("Ohm [unit] law. V = IR", GpqaLoader.preprocess(" Ohm [unit] law [title] V = IR"));
    assertEquals("None of these", GpqaLoader.preprocess(" None of these "));
  }

  @Test
  void arcLettersNeedAnAnswerLetter(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("arc.jsonl");
    Files.writeString(f, "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"], \"gold\": 5}\n");
    var e = assertThrows(DataFormatException.class, () -> new ArcLetterLoader().load(f, "test"));
    assertTrue(e.getMessage().contains("arc.jsonl: record 1: gold index 5 has no answer letter"), e.getMessage());
  }
}
