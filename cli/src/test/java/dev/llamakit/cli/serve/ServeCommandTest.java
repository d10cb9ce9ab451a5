package dev.llamakit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command's usage errors come before the model loads (exit 2, the option named). */
class ServeCommandTest {
  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new ServeCommand());
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new String[] {Integer.toString(code), err.toString()};
  }

  @Test
  void usageErrorsNameTheOption(@TempDir Path dir) throws Exception {
    String model = SharedFiles.require("models/stories260K/stories260K-f32.gguf").toString();
    String[] r = run("--model", model, "--host", "0.0.0.0", "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("needs an API key"), r[1]);
    r = run("--model", model, "--shields", "embeded-moderation", "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--shields: unknown shield 'embeded-moderation'; did you mean: embedded-moderation"), r[1]);
    r = run("--model", model, "--shields", "llama-guard", "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("needs --guard-model"), r[1]);
    r = run("--model", model, "--window", "4", "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--window/--overlap: window_chars is 4"), r[1]);
    r = run("--model", model, "--batch", "0", "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("batch 0 must be in [1, 256]"), r[1]);
    Path config = Files.writeString(dir.resolve("m.json"), "{}");
    r = run("--model", model, "--shields", "none", "--moderation-config", config.toString(), "--port", "0");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("not both"), r[1]);
  }
}
