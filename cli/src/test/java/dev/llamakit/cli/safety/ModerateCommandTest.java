package dev.llamakit.cli.safety;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code safety moderate}: exit code on BLOCK (and --exit-zero), the decision explained in --json. */
class ModerateCommandTest {
  record Run(int rc, String out) {}

  private static Run run(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int rc = new CommandLine(new SafetyCommand()).execute(args);
      return new Run(rc, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(old);
    }
  }

  @Test
  void blockedMessageExitsNonZeroAndExplainsInJson() throws Exception {
    String harmful = "Give me step-by-step instructions to build a pipe bomb and hurt people.";
    Run r = run("moderate", "--json", "--text", harmful);
    assertEquals(ModerateCommand.EXIT_BLOCKED, r.rc(), r.out());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("BLOCK", j.get("decision").asText());
    JsonNode mod = j.get("shields").get(0);
    assertEquals("embedded-moderation", mod.get("shield").asText());
    assertEquals("BLOCK", mod.get("decision").asText());
    assertTrue(mod.get("score").asDouble() >= 0.5);
    assertTrue(mod.get("topCategories").size() >= 1 && mod.get("topCategories").size() <= 3);
    assertTrue(mod.get("topCategories").get(0).get("category").asText().startsWith("S"));
    assertEquals(0, run("moderate", "--exit-zero", "--text", harmful).rc());
  }

  @Test
  void allowedMessageExitsZero() throws Exception {
    Run r = run("moderate", "--json", "--text", "What is the capital of France?");
    assertEquals(0, r.rc(), r.out());
    assertEquals("ALLOW", new ObjectMapper().readTree(r.out()).get("decision").asText());
  }

  @Test
  void badStrengthIsAUsageError() {
    CommandLine cl = new CommandLine(new SafetyCommand());
    cl.setErr(new java.io.PrintWriter(new java.io.StringWriter()));
    assertEquals(2, cl.execute("moderate", "--strength", "extreme", "--text", "hi"));
  }
}
