package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  private static CommandRun generate(String maxTokens) {
    return CommandRun.of(new GenerateCommand(), "--model", model.toString(), "--prompt", "a", "--greedy", "--threads",
        "1", "--max-tokens", maxTokens);
  }

  @Test
  void aBillionTokensIsCappedAtTheContext() {
    CommandRun r = generate("1000000000");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("note: --max-tokens 1000000000 exceeds the context of " + TinyModels.CONTEXT
        + " tokens; generating at most " + TinyModels.CONTEXT), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void intMaxDoesNotOverflow() {
    CommandRun r = generate(String.valueOf(Integer.MAX_VALUE));
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("error"), r.err());
  }

  @Test
  void aNegativeCountIsAUsageErrorNamingTheOption() {
    CommandRun r = generate("-1");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("--max-tokens must be >= 0, got -1"), r.err());
  }

  @Test
  void aCountWithinTheContextGivesNoNote() {
    CommandRun r = generate("3");
    assertEquals(0, r.exit(), r.err());
    assertFalse(r.err().contains("note:"), r.err());
  }
}
