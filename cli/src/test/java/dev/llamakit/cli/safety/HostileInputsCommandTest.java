package dev.llamakit.cli.safety;

import static dev.llamakit.engine.testing.HostileBytes.withBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.safety.data.DataFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Regression tests of issue 17's safety commands, each with its minimal reproducer ({@code safety classify},
 * {@code safety eval}; the library's data readers are tested in safety's {@code HostileInputsTest}). The rule
 * throughout: an input that cannot be decoded is an error naming {@code file:line}, or (in the batch classifier) a
 * per-record error that is flagged, never a record that passes as safe.
 */
class HostileInputsCommandTest {
  @Test
  void classifyFlagsARecordThatIsNotUtf8AndScoresTheRest(@TempDir Path dir) throws IOException {
    // Before: one invalid byte stopped the run with "error: Input length = 1" and wrote nothing.
    Path in = Files.write(dir.resolve("in.jsonl"), withBytes("{\"id\": 1, \"text\": \"What is the capital of France?\"}\n"
        + "{\"id\": 2, \"text\": \"How do I make a pipe b@mb to hurt people?\"}\n"
        + "\n"
        + "{\"id\": 4, \"text\": \"Explain photosynthesis.\"}\n", "@", (byte) 0xF8));
    Path out = dir.resolve("out.jsonl");
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new SafetyCommand());
    cl.setErr(new PrintWriter(err));
    assertEquals(0, cl.execute("classify", "--input", in.toString(), "--output", out.toString()), err.toString());
    List<String> lines = Files.readAllLines(out);
    assertEquals(3, lines.size(), "one record per non-blank input line, the undecodable one included");
    ObjectMapper json = new ObjectMapper();
    JsonNode bad = json.readTree(lines.get(1));
    assertEquals(2, bad.get("line").asInt());
    assertTrue(bad.get("error").asText().startsWith("not UTF-8: invalid UTF-8 at byte"), bad.toString());
    assertTrue(bad.get("flagged").asBoolean(), "fails closed: an unread record is never safe");
    JsonNode last = json.readTree(lines.get(2));
    assertEquals(4, last.get("line").asInt(), "lines as an editor counts them");
    assertFalse(last.get("flagged").asBoolean());
  }

  @Test
  void classifyFlagsEveryUnscorableRecordInBothFormats(@TempDir Path dir) throws IOException {
    Path in = Files.writeString(dir.resolve("in.jsonl"), "not json\n{\"text\": 1}\n{\"a\": 1}{\"text\": \"x\"}\n");
    for (String format : List.of("llamakit", "openai")) {
      Path out = dir.resolve(format + ".jsonl");
      assertEquals(0, new CommandLine(new SafetyCommand()).execute("classify", "--input", in.toString(), "--output",
          out.toString(), "--format", format));
      for (String line : Files.readAllLines(out)) {
        JsonNode r = new ObjectMapper().readTree(line);
        assertTrue(r.has("error") && r.get("flagged").asBoolean(), format + ": " + r);
      }
    }
  }

  @Test
  void classifyAnswersRecordsThatAreNotTextWithoutCrashing(@TempDir Path dir) throws IOException {
    // Found by the 10,000-input fuzz run (kept as fuzz-classify-7542.jsonl): a 4-byte UTF-8 character where JSON
    // expects a value made Jackson quote half of its surrogate pair in the error, and writing that error stopped the
    // whole run with "MalformedInputException: Input length = 1". A "\\ud800" escape in the id did the same.
    Path in = Files.write(dir.resolve("in.jsonl"), withBytes("{\"id\": @[1]}\n"
        + "{\"id\": \"\\ud800\", \"text\": \"hello\"}\n{\"text\": \"fine\"}\n", "@",
        (byte) 0xF1, (byte) 0xAB, (byte) 0x95, (byte) 0x85));
    Path kept = dir.resolve("fuzz.jsonl");
    try (var res = getClass().getResourceAsStream("fuzz-classify-7542.jsonl")) {
      Files.write(kept, res.readAllBytes());
    }
    for (Path input : List.of(in, kept)) {
      Path out = dir.resolve(input.getFileName() + ".out");
      assertEquals(0, new CommandLine(new SafetyCommand()).execute("classify", "--input", input.toString(),
          "--output", out.toString()), input.toString());
      List<String> lines = Files.readAllLines(out);
      for (String line : lines) {
        JsonNode r = new ObjectMapper().readTree(line);
        assertTrue(r.has("shields") || r.get("flagged").asBoolean(), r.toString());
      }
      if (input == in) {
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).contains("not JSON"), lines.get(0));
        assertTrue(lines.get(1).contains("unpaired surrogate"), lines.get(1));
      }
    }
  }

  @Test
  void classifyFailsOnADamagedGzipAndWritesNothing(@TempDir Path dir) throws IOException {
    Path in = Files.write(dir.resolve("in.jsonl.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2});
    Path out = dir.resolve("out.jsonl");
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new SafetyCommand());
    cl.setErr(new PrintWriter(err));
    assertEquals(1, cl.execute("classify", "--input", in.toString(), "--output", out.toString()));
    assertFalse(Files.exists(out), "no partial output");
    assertTrue(err.toString().contains("in.jsonl.gz"), err.toString());
  }

  @Test
  void evalRejectsADatasetThatIsNotUtf8NamingFileAndLine(@TempDir Path dir) throws IOException {
    Path data = Files.write(dir.resolve("d.jsonl"), withBytes("{\"text\": \"fine\", \"label\": \"safe\"}\n\n"
        + "{\"text\": \"bro@ken\", \"label\": \"unsafe\"}\n", "@", (byte) 0xC3, (byte) 0x28));
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new SafetyCommand());
    cl.setErr(new PrintWriter(err));
    assertEquals(1, cl.execute("eval", "--dataset", data.toString(), "--format", "jsonl", "--output",
        dir.resolve("r.json").toString()));
    assertTrue(err.toString().contains(data + ":3: invalid UTF-8"), err.toString());
  }

  @Test
  void evalNamesTheLineAsAnEditorCountsIt(@TempDir Path dir) throws IOException {
    // Before: "record 2" for the record on line 4.
    Path data = Files.writeString(dir.resolve("d.jsonl"), "{\"text\": \"a\", \"label\": \"safe\"}\n\n\n"
        + "{\"text\": \"b\", \"label\": \"maybe\"}\n");
    var e = assertThrows(DataFileException.class, () -> rethrowEval(data, "jsonl"));
    assertTrue(e.getMessage().equals(data + ":4: unknown label 'maybe'"), e.getMessage());
    Path csv = Files.writeString(dir.resolve("d.csv"), "text,label\n\"two\nlines\",safe\n\nx,maybe\n");
    e = assertThrows(DataFileException.class, () -> rethrowEval(csv, "csv"));
    assertTrue(e.getMessage().equals(csv + ":5: unknown label 'maybe'"), e.getMessage());
  }

  /** Runs {@code safety eval} and rethrows its failure, so the test sees the exception itself. */
  private static Void rethrowEval(Path data, String format) throws Exception {
    EvalCommand c = new EvalCommand();
    new CommandLine(c).parseArgs("--dataset", data.toString(), "--format", format, "--output",
        data.resolveSibling(data.getFileName() + ".r.json").toString());
    c.call();
    return null;
  }
}
