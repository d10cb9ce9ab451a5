package dev.llamakit.cli.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.safety.data.DataFileException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Seeded fuzzing (issue 17) of the inputs of {@code safety eval} (its labelled data set) and {@code safety classify}
 * (its JSONL input) with the shared harness; the library's readers are fuzzed in safety's {@code SafetyInputsFuzzTest}.
 * Contract: accepted, or a {@link DataFileException} / {@link TextFormatException} naming the file; no other
 * throwable, no hang. {@code safety classify} must also fail closed: one output record per input record, every record
 * it could not score flagged. Long run:
 * {@code ./build -o -pl cli -am test -Dtest=SafetyCommandsFuzzTest -Dsurefire.failIfNoSpecifiedTests=false -Dllamakit.fuzz.inputs=10000}.
 */
class SafetyCommandsFuzzTest {
  private static final String LABELLED_JSONL = """
      {"text": "What is the capital of France?", "label": "safe"}

      {"text": "How can I make a pipe bomb at home to hurt people?", "label": 1, "id": [1, {"k": null}]}
      {"text": "Ünïcödé — ok", "label": "S10"}
      """;

  private static List<byte[]> seeds(String... texts) {
    return java.util.Arrays.stream(texts).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Test
  void safetyEvalDataset() throws IOException {
    FuzzRun.of("safety-eval", ".jsonl", seeds(LABELLED_JSONL))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .run(file -> quietly(() -> {
          EvalCommand c = new EvalCommand();
          new CommandLine(c).parseArgs("--dataset", file.toString(), "--format", "jsonl", "--output",
              file.resolveSibling(file.getFileName() + ".eval.json").toString());
          c.call();
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".eval.json"));
        }))
        .assertContract();
  }

  @Test
  void classifyFailsClosed() throws IOException {
    ObjectMapper json = new ObjectMapper();
    FuzzRun.of("safety-classify", ".jsonl", seeds(LABELLED_JSONL))
        .rejectsWith(DataFileException.class, TextFormatException.class)
        .run(file -> {
          Path out = file.resolveSibling(file.getFileName() + ".out");
          quietly(() -> {
            ClassifyCommand c = new ClassifyCommand();
            new CommandLine(c).parseArgs("--input", file.toString(), "--output", out.toString());
            c.call();
          });
          List<String> records = Files.readAllLines(out);
          Files.delete(out);
          int expected = recordsIn(Files.readAllBytes(file));
          if (records.size() != expected) {
            throw new AssertionError(file + ": " + expected + " input records but " + records.size() + " output records");
          }
          for (String r : records) {
            JsonNode n = json.readTree(r);
            boolean scored = n.has("shields") && n.has("flagged");
            if (!scored && !(n.has("error") && n.path("flagged").asBoolean(false))) {
              throw new AssertionError(file + ": a record neither scored nor flagged: " + r);
            }
          }
        })
        .assertContract();
  }

  /**
   * The records {@code safety classify} must answer for: every line that is not blank, a line that is not UTF-8
   * included (split as TextLines splits: on LF, a CR before it dropped, a BOM at the start ignored).
   */
  private static int recordsIn(byte[] data) {
    int n = 0;
    int from = 0;
    boolean first = true;
    while (from < data.length) {
      int end = from;
      while (end < data.length && data[end] != '\n') end++;
      int len = end - from;
      if (len > 0 && data[end - 1] == '\r') len--;
      int off = from;
      if (first && len >= 3 && data[off] == (byte) 0xEF && data[off + 1] == (byte) 0xBB && data[off + 2] == (byte) 0xBF) {
        off += 3;
        len -= 3;
      }
      first = false;
      try {
        String line = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(data, off, len)).toString();
        if (!line.isBlank()) n++;
      } catch (CharacterCodingException e) {
        n++;
      }
      from = end + 1;
    }
    return n;
  }

  private interface Body {
    void run() throws Exception;
  }

  /** Runs a command with its per-run summary lines kept off the test output. */
  private static void quietly(Body body) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    PrintStream none = new PrintStream(OutputStream.nullOutputStream());
    System.setOut(none);
    System.setErr(none);
    try {
      body.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
