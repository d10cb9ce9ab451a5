package dev.llamakit.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code engine generate --max-tokens}: a value beyond the context is capped there with a one-line note (it used to
 * end in an OutOfMemoryError, or "error: -2147483646" for 2^31-1); a negative value is a usage error naming the
 * option.
 */
class MaxTokensOptionTest {
  @TempDir static Path dir;
  private static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = TinyModels.gguf(dir.resolve("tiny.gguf"));
  }

  private record Run(int exit, String out, String err) {}

  private static Run generate(String maxTokens) {
    GenerateCommand cmd = new GenerateCommand();
    CommandLine cl = new CommandLine(cmd);
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    int exit = cl.execute("--model", model.toString(), "--prompt", "a", "--greedy", "--threads", "1",
        "--max-tokens", maxTokens);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void aBillionTokensIsCappedAtTheContext() {
    Run r = generate("1000000000");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("note: --max-tokens 1000000000 exceeds the context of " + TinyModels.CONTEXT
        + " tokens; generating at most " + TinyModels.CONTEXT), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void intMaxDoesNotOverflow() {
    Run r = generate(String.valueOf(Integer.MAX_VALUE));
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("error"), r.err());
  }

  @Test
  void aNegativeCountIsAUsageErrorNamingTheOption() {
    Run r = generate("-1");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--max-tokens must be >= 0, got -1"), r.err());
  }

  @Test
  void aCountWithinTheContextGivesNoNote() {
    Run r = generate("3");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("note:"), r.err());
  }
}
