package dev.llamakit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code bench serve} end to end on stories260K (a real server and real HTTP clients over loopback; the figures are
 * not checked, only that every configuration ran and reported its rows), and its usage errors.
 */
class BenchServeCommandTest {
  @Test
  void runsEveryConfigurationOverLoopback() throws Exception {
    String model = SharedFiles.require("models/stories260K/stories260K-f32.gguf").toString();
    BenchServeCommand c = new BenchServeCommand();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    c.out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(c);
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("-m", model, "--threads", "1", "--clients", "1,3", "--batch", "3", "--rounds", "2",
        "--requests", "1", "--prompt-tokens", "8", "--max-tokens", "6");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, err + out);
    assertTrue(out.contains("cpu ") && out.contains("vectors "), out);
    long rows = out.lines().filter(l -> l.matches("\\s+[13]\\s+[13]\\s+.*")).count();
    assertEquals(4, rows, "clients 1 and 3, batch 3 and 1:\n" + out);
    assertEquals(2, out.lines().filter(l -> l.contains("batch 3 / batch 1 gen tok/s")).count(), out);
    assertTrue(out.contains("moderation (1 client") && out.contains("CPU per request"), out);
  }

  @Test
  void usageErrors() throws Exception {
    String model = SharedFiles.require("models/stories260K/stories260K-f32.gguf").toString();
    for (String[] args : new String[][] {{"--clients", "0"}, {"--rounds", "0"}, {"--max-tokens", "100000"}}) {
      StringWriter err = new StringWriter();
      CommandLine cl = new CommandLine(new BenchServeCommand());
      cl.setErr(new PrintWriter(err));
      String[] all = new String[args.length + 2];
      all[0] = "-m";
      all[1] = model;
      System.arraycopy(args, 0, all, 2, args.length);
      assertEquals(2, cl.execute(all), err.toString());
    }
  }
}
