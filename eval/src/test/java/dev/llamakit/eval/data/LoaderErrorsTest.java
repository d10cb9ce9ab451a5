package dev.llamakit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing and malformed benchmark files fail with the file and row named. */
class LoaderErrorsTest {
  @Test
  void csvHandlesQuotesNewlinesAndCrlf() {
    List<Csv.Row> rows = Csv.parse("a,\"b,\"\"c\"\"\",\"multi\r\nline\"\r\nx,y\r\n");
    assertEquals(List.of("a", "b,\"c\"", "multi\r\nline"), rows.get(0).fields());
    assertEquals(List.of("x", "y"), rows.get(1).fields());
    assertEquals(3, rows.get(1).line());
    var e = assertThrows(IllegalArgumentException.class, () -> Csv.parse("a,b\n\"open,c\n"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
  }

  @Test
  void mmluRowsWithWrongShapeOrAnswerAreNamed(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("test"));
    Path f = dir.resolve("test/x_test.csv");
    Files.writeString(f, "q,a,b,c,d,A\r\nq2,a,b,c,d,E\r\n");
    var e = assertThrows(DataFormatException.class, () -> new MmluCsvLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("x_test.csv:2: ") && e.getMessage().contains("A-D"), e.getMessage());
    Files.writeString(f, "q,a,b,c,A\r\n");
    e = assertThrows(DataFormatException.class, () -> new MmluCsvLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains(":1: expected 6 fields"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new MmluCsvLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("split folder not found"), e.getMessage());
  }

  @Test
  void jsonlErrorsNameFileLineAndField(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("test.jsonl");
    Files.writeString(f, "{\"question\": \"q\", \"answer\": \"x\\n#### 3\"}\n{\"question\": \"q\"\n");
    var e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl:2: not valid JSON"), e.getMessage());
    Files.writeString(f, "{\"question\": \"q\", \"answer\": \"no final line\"}\n");
    e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains(":1: field 'answer' has no '#### N'"), e.getMessage());
    Files.writeString(f, "{\"question\": 3, \"answer\": \"#### 1\"}\n");
    e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("field 'question'"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "train"));
    assertTrue(e.getMessage().contains("train.jsonl: file not found"), e.getMessage());
    Path arc = dir.resolve("arc.jsonl");
    Files.writeString(arc, "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\"], \"gold\": 2}\n");
    e = assertThrows(DataFormatException.class, () -> new ArcLoader().load(arc, "test"));
    assertTrue(e.getMessage().contains("arc.jsonl:1: field 'gold'"), e.getMessage());
  }

  @Test
  void dataFolderAndDatasetPathsAreExplained(@TempDir Path dir) {
    var e = assertThrows(DataFormatException.class, () -> Datasets.dataDir(dir.resolve("nope")));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    var ds = dev.llamakit.eval.task.TaskRegistry.builtIn().get("mmlu").spec().dataset();
    e = assertThrows(DataFormatException.class, () -> Datasets.resolve(dir, ds));
    assertTrue(e.getMessage().contains("cais-canonical-hendrycks-layout"), e.getMessage());
    var u = assertThrows(IllegalArgumentException.class, () -> Datasets.loader("mmlu_tsv"));
    assertTrue(u.getMessage().contains("mmlu_csv"), u.getMessage());
  }

  @Test
  void piqaNeedsItsLabelsFileAndValidLabels(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("valid.jsonl"), "{\"goal\": \"g\", \"sol1\": \"a\", \"sol2\": \"b\"}\n");
    var e = assertThrows(DataFormatException.class, () -> new PiqaLoader().load(dir, "valid"));
    assertTrue(e.getMessage().contains("valid-labels.lst: file not found"), e.getMessage());
    Files.writeString(dir.resolve("valid-labels.lst"), "2\n");
    e = assertThrows(DataFormatException.class, () -> new PiqaLoader().load(dir, "valid"));
    assertTrue(e.getMessage().contains("valid-labels.lst:1: label must be 0 or 1"), e.getMessage());
    Files.writeString(dir.resolve("valid-labels.lst"), "0\n1\n");
    e = assertThrows(DataFormatException.class, () -> new PiqaLoader().load(dir, "valid"));
    assertTrue(e.getMessage().contains("holds 2 labels but") && e.getMessage().contains("1 records"), e.getMessage());
    Files.writeString(dir.resolve("valid-labels.lst"), "1\n");
    Files.writeString(dir.resolve("valid.jsonl"), "{\"goal\": \"g\", \"sol1\": \"a\"}\n");
    e = assertThrows(DataFormatException.class, () -> new PiqaLoader().load(dir, "valid"));
    assertTrue(e.getMessage().contains("valid.jsonl:1: field 'sol2'"), e.getMessage());
  }

  @Test
  void hellaswagRecordsWithBadEndingsOrLabelAreNamed(@TempDir Path dir) throws IOException {
    var e = assertThrows(DataFormatException.class, () -> new HellaswagLoader().load(dir, "val"));
    assertTrue(e.getMessage().contains("hellaswag_val.jsonl: file not found"), e.getMessage());
    String ok = "{\"activity_label\": \"A\", \"ctx_a\": \"x\", \"ctx_b\": \"y\", \"label\": %s, "
        + "\"endings\": %s}\n";
    Path f = dir.resolve("hellaswag_val.jsonl");
    Files.writeString(f, ok.formatted("0", "[\"a\", \"b\", \"c\", \"d\"]") + ok.formatted("0", "[\"a\", \"b\"]"));
    e = assertThrows(DataFormatException.class, () -> new HellaswagLoader().load(dir, "val"));
    assertTrue(e.getMessage().contains("hellaswag_val.jsonl:2: field 'endings'"), e.getMessage());
    Files.writeString(f, ok.formatted("\"4\"", "[\"a\", \"b\", \"c\", \"d\"]"));
    e = assertThrows(DataFormatException.class, () -> new HellaswagLoader().load(dir, "val"));
    assertTrue(e.getMessage().contains("hellaswag_val.jsonl:1: field 'label' must be 0-3"), e.getMessage());
  }

  @Test
  void winograndeRecordsWithoutBlankOrWithBadAnswerAreNamed(@TempDir Path dir) throws IOException {
    var e = assertThrows(DataFormatException.class, () -> new WinograndeLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("dev.jsonl: file not found"), e.getMessage());
    Path f = dir.resolve("dev.jsonl");
    Files.writeString(f, "{\"sentence\": \"no blank\", \"option1\": \"a\", \"option2\": \"b\", \"answer\": \"1\"}\n");
    e = assertThrows(DataFormatException.class, () -> new WinograndeLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("dev.jsonl:1: field 'sentence' has no '_'"), e.getMessage());
    Files.writeString(f, "{\"sentence\": \"_ x\", \"option1\": \"a\", \"option2\": \"b\", \"answer\": \"\"}\n");
    e = assertThrows(DataFormatException.class, () -> new WinograndeLoader().load(dir, "dev"));
    assertTrue(e.getMessage().contains("dev.jsonl:1: field 'answer' must be"), e.getMessage());
  }

  @Test
  void boolqAndOpenbookqaRecordsAreCheckedByField(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("val.jsonl");
    Files.writeString(f, "{\"question\": \"q\", \"passage\": \"p\", \"label\": \"yes\"}\n");
    var e = assertThrows(DataFormatException.class, () -> new BoolqLoader().load(dir, "val"));
    assertTrue(e.getMessage().contains("val.jsonl:1: field 'label' must be true or false"), e.getMessage());
    e = assertThrows(DataFormatException.class, () -> new OpenBookQaLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl: file not found"), e.getMessage());
    Files.writeString(dir.resolve("test.jsonl"), "{\"question\": {\"stem\": \"s\", \"choices\": "
        + "[{\"text\": \"a\", \"label\": \"A\"}]}, \"answerKey\": \"E\"}\n");
    e = assertThrows(DataFormatException.class, () -> new OpenBookQaLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl:1: field 'answerKey' \"E\" is not one of the labels [A]"),
        e.getMessage());
  }
}
