package dev.llamakit.pipelines.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared benchmark files read with eval's ids (eval's loaders number MMLU per subject as {@code
 * test/SUBJECT/i}, GSM8k as {@code test/i}, ARC as {@code arc/i}, HumanEval by task id), and bad files named with
 * their row.
 */
class BenchmarkReaderTest {
  @TempDir Path tmp;

  static Path data() {
    return SharedFiles.require("data/benchmarks");
  }

  @Test
  void readsTheSharedBenchmarksWithEvalsIds() {
    Path data = data();
    List<BenchmarkItem> mmlu = BenchmarkReader.read(BenchmarkSource.parse("mmlu", data, "question", "id"));
    assertEquals(14_042, mmlu.size());
    assertEquals("test/abstract_algebra/0", mmlu.get(0).id());
    assertTrue(mmlu.get(0).text().startsWith("Find the degree for the given field extension Q(sqrt(2), sqrt(3), "
        + "sqrt(18)) over Q.\n0\n4\n2\n6"), mmlu.get(0).text());
    List<BenchmarkItem> gsm = BenchmarkReader.read(BenchmarkSource.parse("gsm8k", data, "question", "id"));
    assertEquals(1_319, gsm.size());
    assertEquals("test/0", gsm.get(0).id());
    assertTrue(gsm.get(0).text().startsWith("Janet’s ducks lay 16 eggs per day."), gsm.get(0).text());
    List<BenchmarkItem> he = BenchmarkReader.read(BenchmarkSource.parse("humaneval", data, "question", "id"));
    assertEquals(164, he.size());
    assertEquals("HumanEval/163", he.get(163).id());
    List<BenchmarkItem> easy = BenchmarkReader.read(BenchmarkSource.parse("arc_easy", data, "question", "id"));
    List<BenchmarkItem> hard = BenchmarkReader.read(BenchmarkSource.parse("arc_challenge", data, "question", "id"));
    assertEquals(2_376, easy.size());
    assertEquals(1_172, hard.size());
    assertEquals("arc/0", hard.get(0).id());
    assertTrue(!hard.get(0).text().startsWith("Question: "), "the template's prefix is not indexed");
  }

  @Test
  void userJsonlTakesItsFieldAndIds() throws Exception {
    Path f = tmp.resolve("mine.jsonl");
    Files.writeString(f, "{\"id\": \"q-7\", \"question\": \"What is up?\"}\n\n{\"question\": \"And down?\"}\n"
        + "{\"id\": 12, \"question\": \"Sideways?\"}\n");
    List<BenchmarkItem> items = BenchmarkReader.read(BenchmarkSource.parse("mine=" + f, null, "question", "id"));
    assertEquals(List.of(new BenchmarkItem("mine", "q-7", "What is up?"), new BenchmarkItem("mine", "1", "And down?"),
        new BenchmarkItem("mine", "12", "Sideways?")), items);
  }

  @Test
  void badFilesNameFileAndRow() throws Exception {
    Path f = tmp.resolve("bad.jsonl");
    Files.writeString(f, "{\"question\": \"fine\"}\n\n{\"text\": \"no question field\"}\n");
    BenchmarkFormatException e = assertThrows(BenchmarkFormatException.class,
        () -> BenchmarkReader.read(BenchmarkSource.parse("mine=" + f, null, "question", "id")));
    assertEquals(f.toAbsolutePath() + ":3: field 'question' is missing or not a string", e.getMessage());

    Files.writeString(f, "{\"question\": \"fine\"}\n{\"question\": \"cut\n");
    e = assertThrows(BenchmarkFormatException.class,
        () -> BenchmarkReader.read(BenchmarkSource.parse("mine=" + f, null, "question", "id")));
    assertTrue(e.getMessage().startsWith(f.toAbsolutePath() + ":2: not valid JSON"), e.getMessage());

    Path gsm = tmp.resolve("test.jsonl");
    Files.writeString(gsm, "{\"question\": \"q\", \"answer\": \"a\\n#### 4\"}\n{\"question\": \"q\", \"answer\": \"a\"}\n");
    e = assertThrows(BenchmarkFormatException.class,
        () -> BenchmarkReader.read(BenchmarkSource.parse("gsm8k=" + gsm, null, "question", "id")));
    assertEquals(gsm.toAbsolutePath() + ":2: field 'answer' has no '#### N' final line", e.getMessage());

    Path mmlu = tmp.resolve("mmlu");
    Files.createDirectories(mmlu.resolve("test"));
    Path csv = mmlu.resolve("test/anatomy_test.csv");
    Files.writeString(csv, "\"A question\nover two lines\",a,b,c,d,B\nQ2,a,b,c,d\n", StandardCharsets.UTF_8);
    e = assertThrows(BenchmarkFormatException.class,
        () -> BenchmarkReader.read(BenchmarkSource.parse("mmlu=" + mmlu, null, "question", "id")));
    assertEquals(csv.toAbsolutePath() + ":3: expected 6 fields (question,A,B,C,D,answer), got 5", e.getMessage());

    Files.write(csv, new byte[] {'Q', ',', 'a', ',', 'b', ',', 'c', ',', 'd', ',', 'A', '\n', 'x', (byte) 0xC3, '\n'});
    e = assertThrows(BenchmarkFormatException.class,
        () -> BenchmarkReader.read(BenchmarkSource.parse("mmlu=" + mmlu, null, "question", "id")));
    assertTrue(e.getMessage().startsWith(csv.toAbsolutePath() + ":2: "), e.getMessage());
  }

  @Test
  void unknownNamesAndMissingFilesAreClear() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BenchmarkSource.parse("hellaswag", tmp, "question", "id"));
    assertEquals("benchmark 'hellaswag' is not built in (mmlu, gsm8k, humaneval, arc_easy, arc_challenge); give a "
        + "JSONL file as hellaswag=FILE.jsonl", e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BenchmarkSource.parse("mine=" + tmp.resolve("nope.jsonl"), null, "question", "id"));
    assertEquals("benchmark 'mine': " + tmp.resolve("nope.jsonl").toAbsolutePath() + ": no such file", e.getMessage());
  }
}
