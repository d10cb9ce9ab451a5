package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code engine tokenize} on the vocab-only GGUFs and a llama2.c tokenizer file. */
class TokenizeCommandTest {

  private static String[] run(int expectedExit, String... args) {
    TokenizeCommand cmd = new TokenizeCommand();
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    cmd.out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    CommandLine cl = new CommandLine(cmd);
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    cl.setErr(new java.io.PrintWriter(new ByteArrayOutputStream()));
    assertEquals(expectedExit, cl.execute(args));
    return buf.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void llama3VocabOnlyGguf() {
    String model = SharedFiles.require("models/tokenizers/llama3/ggml-vocab-llama3-rebuilt.gguf").toString();
    assertEquals("[9906,1917,128009]", run(0, "--model", model, "--text", "Hello world<|eot_id|>", "--no-bos",
        "--parse-special")[0]);
    String[] lines = run(0, "--model", model, "--text", "Hello world", "--decode");
    assertEquals("[128000,9906,1917]", lines[0]);
    assertEquals("[\"<|begin_of_text|>\",\"Hello\",\" world\"]", lines[1]);
    assertEquals("\"<|begin_of_text|>Hello world\"", lines[2]);
  }

  @Test
  void llama2SpmAndLlama2c() {
    String spm = SharedFiles.require("golden/vocab/ggml-vocab-llama-spm.gguf").toString();
    assertEquals("[1,15043,3186]", run(0, "--model", spm, "--text", "Hello world")[0]);
    String bin = SharedFiles.require("models/tokenizers/llama2/tokenizer.bin").toString();
    assertEquals("[1,306,4658,278,6593,310,2834,338]",
        run(0, "--model", bin, "--vocab-size", "32000", "--text", "I believe the meaning of life is")[0]);
  }

  @Test
  void usageErrors() {
    String bin = SharedFiles.require("models/tokenizers/llama2/tokenizer.bin").toString();
    run(2, "--model", bin, "--text", "x");
    run(1, "--model", "/nonexistent.gguf", "--text", "x");  // a missing file is a failure (exit 1), not a usage error
    assertTrue(run(2, "--text", "x").length >= 1);
  }
}
