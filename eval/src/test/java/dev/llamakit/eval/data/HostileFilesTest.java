package dev.llamakit.eval.data;

import static dev.llamakit.engine.testing.HostileBytes.withBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.eval.report.RunResults;
import dev.llamakit.eval.run.ResumeLog;
import dev.llamakit.eval.sandbox.FunctionalCorrectness;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests of issue 17's eval classes, each with its minimal reproducer: invalid UTF-8 silently became
 * U+FFFD (a damaged samples file still scored), and "row N" counted non-blank rows instead of lines.
 */
class HostileFilesTest {
  private static final String PROBLEM = "{\"task_id\": \"T/0\", \"prompt\": \"def f():\\n\", \"canonical_solution\":"
      + " \"    return 1\\n\", \"test\": \"def check(c):\\n    assert c() == 1\\n\", \"entry_point\": \"f\"}\n";

  @Test
  void samplesWithBrokenBytesAreRejectedBeforeAnythingRuns(@TempDir Path dir) throws IOException {
    Path problems = Files.writeString(dir.resolve("problems.jsonl"), PROBLEM);
    // Line 2's completion holds an invalid byte inside a string literal: decoded leniently it became U+FFFD and the
    // program still ran and passed, so a damaged file scored pass@1 = 1.0.
    Path samples = Files.write(dir.resolve("samples.jsonl"), withBytes(
        "{\"task_id\": \"T/0\", \"completion\": \"    return 1\\n\"}\n"
            + "{\"task_id\": \"T/0\", \"completion\": \"    s = 'caf@'\\n    return 1\\n\"}\n", "@", (byte) 0xC3));
    var e = assertThrows(DataFormatException.class, () -> FunctionalCorrectness.read(problems, samples));
    assertTrue(e.getMessage().startsWith(samples + ":2: invalid UTF-8"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("samples.jsonl_results.jsonl")), "nothing was run or written");
  }

  @Test
  void aBrokenLineBreakNoLongerSwallowsTheFailingSample(@TempDir Path dir) throws IOException {
    // The pass@1 = 1.0 of issue 17: the byte between a passing and a failing sample broke (0xFF instead of \n).
    // Decoded leniently it became U+FFFD, Jackson read the first object and ignored the rest of the line, so the
    // failing sample vanished: one sample, one pass. Now the line is invalid UTF-8, and even with the line break
    // simply missing, a second value on a line is an error.
    Path problems = Files.writeString(dir.resolve("problems.jsonl"), PROBLEM);
    String pass = "{\"task_id\": \"T/0\", \"completion\": \"    return 1\\n\"}";
    String fail = "{\"task_id\": \"T/0\", \"completion\": \"    return 2\\n\"}";
    Path broken = Files.write(dir.resolve("broken.jsonl"), withBytes(pass + "@" + fail + "\n", "@", (byte) 0xFF));
    var e = assertThrows(DataFormatException.class, () -> FunctionalCorrectness.read(problems, broken));
    assertTrue(e.getMessage().startsWith(broken + ":1: invalid UTF-8"), e.getMessage());
    Path joined = Files.writeString(dir.resolve("joined.jsonl"), pass + fail + "\n");
    e = assertThrows(DataFormatException.class, () -> FunctionalCorrectness.read(problems, joined));
    assertTrue(e.getMessage().startsWith(joined + ":1: not valid JSON"), e.getMessage());
    Path intact = Files.writeString(dir.resolve("intact.jsonl"), pass + "\n" + fail + "\n");
    assertEquals(2, FunctionalCorrectness.read(problems, intact).programs().size());
  }

  @Test
  void errorsNameTheLineAsAnEditorCountsIt(@TempDir Path dir) throws IOException {
    // Before: "row 2" for the bad record on line 4, because blank lines were not counted.
    Files.writeString(dir.resolve("test.jsonl"), "{\"question\": \"q\", \"answer\": \"#### 1\"}\n\n\n{\"question\": 3}\n");
    var e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().endsWith("test.jsonl:4: field 'question' is missing or not a string"), e.getMessage());
    Files.createDirectories(dir.resolve("mmlu/test"));
    Path csv = Files.writeString(dir.resolve("mmlu/test/x_test.csv"), "\"q\nstill q\",a,b,c,d,A\r\n\r\nq2,a,b,c,d,Z\r\n");
    e = assertThrows(DataFormatException.class, () -> new MmluCsvLoader().load(dir.resolve("mmlu"), "test"));
    assertTrue(e.getMessage().startsWith(csv + ":4: field 6 (answer) must be one of A-D"), e.getMessage());
  }

  @Test
  void invalidUtf8InEveryLoaderNamesFileAndLine(@TempDir Path dir) throws IOException {
    Files.write(dir.resolve("test.jsonl"), withBytes("{\"question\": \"q\", \"answer\": \"#### 1\"}\n"
        + "{\"question\": \"q@\", \"answer\": \"#### 2\"}\n", "@", (byte) 0xFF));
    var e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().contains("test.jsonl:2: invalid UTF-8 at byte 16"), e.getMessage());
    Path arc = Files.write(dir.resolve("arc.jsonl"), withBytes(
        "{\"query\": \"Question: q@\", \"choices\": [\"a\", \"b\"], \"gold\": 1}\n", "@", (byte) 0xED, (byte) 0xA0,
        (byte) 0x80));
    e = assertThrows(DataFormatException.class, () -> new ArcLoader().load(arc, "test"));
    assertTrue(e.getMessage().startsWith(arc + ":1: invalid UTF-8"), e.getMessage());
    Files.createDirectories(dir.resolve("mmlu/test"));
    Path csv = Files.write(dir.resolve("mmlu/test/x_test.csv"), withBytes("q,a,b,c,d,A\r\nq@,a,b,c,d,B\r\n", "@",
        (byte) 0x80));
    e = assertThrows(DataFormatException.class, () -> new MmluCsvLoader().load(dir.resolve("mmlu"), "test"));
    assertTrue(e.getMessage().startsWith(csv + ":2: invalid UTF-8"), e.getMessage());
  }

  @Test
  void corruptGzipIsADataErrorNamingTheFile(@TempDir Path dir) throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(PROBLEM.repeat(3).getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = gz.toByteArray();
    bytes[bytes.length - 6] ^= 0x55;  // the CRC
    Path he = Files.write(dir.resolve("HumanEval.jsonl.gz"), bytes);
    var e = assertThrows(DataFormatException.class, () -> HumanEvalLoader.problems(he));
    assertTrue(e.getMessage().startsWith(he.toString()) && e.getMessage().contains("gzip"), e.getMessage());
  }

  @Test
  void twoRecordsGluedOnOneLineAreAnErrorNotOneRecord(@TempDir Path dir) throws IOException {
    Path f = Files.writeString(dir.resolve("test.jsonl"),
        "{\"question\": \"q\", \"answer\": \"#### 1\"}{\"question\": \"q2\", \"answer\": \"#### 2\"}\n");
    var e = assertThrows(DataFormatException.class, () -> new Gsm8kLoader().load(dir, "test"));
    assertTrue(e.getMessage().startsWith(f + ":1: not valid JSON"), e.getMessage());
  }

  @Test
  void anUnpairedSurrogateEscapeIsNotText(@TempDir Path dir) throws IOException {
    // Valid JSON and valid UTF-8, yet no text: it reached programs and prompts as '?' (String.getBytes replaces it)
    // and made any writer of the sample (the results file) fail with "Input length = 1".
    Path problems = Files.writeString(dir.resolve("problems.jsonl"), PROBLEM);
    Path samples = Files.writeString(dir.resolve("samples.jsonl"),
        "{\"task_id\": \"T/0\", \"completion\": \"    return 1  # \\udc80\\n\"}\n");
    var e = assertThrows(DataFormatException.class, () -> FunctionalCorrectness.read(problems, samples));
    assertTrue(e.getMessage().startsWith(samples + ":1: a string holds an unpaired surrogate"), e.getMessage());
  }

  @Test
  void resumeLogDropsAndCountsALineThatIsNotUtf8(@TempDir Path dir) throws IOException {
    Path log = Files.write(dir.resolve("progress.jsonl"), withBytes(
        "{\"key\": \"a\", \"v\": 1}\n{\"key\": \"b@\", \"v\": 2}\n{\"key\": \"c\", \"v\": 3}\n", "@", (byte) 0xFE));
    try (ResumeLog r = new ResumeLog(log)) {
      assertEquals(2, r.size());
      assertEquals(1, r.dropped());
      assertEquals(3, r.get("c").get("v").asInt(), "lines after the bad one are read");
    }
  }

  @Test
  void runResultsThatAreNotUtf8NameTheFile(@TempDir Path dir) throws IOException {
    Path f = Files.write(dir.resolve("results.json"), withBytes("{\"results\": {\"t@\": {}}}\n", "@", (byte) 0xC0,
        (byte) 0xAF));
    var e = assertThrows(DataFormatException.class, () -> RunResults.load(dir));
    assertTrue(e.getMessage().startsWith(f + ":1: invalid UTF-8"), e.getMessage());
  }
}
