package dev.llamakit.pipelines.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void lineTellsDocumentsRateShareReadAndTimeLeft() {
    assertEquals("12,345 documents, 1,235 documents/s, 45.6 of 184.0 MB read (25%), ETA 0m30s",
        Progress.line(12_345, 45_600_000, 184_000_000, 10.0));
    assertEquals("0 documents, 0 documents/s, 0.0 of 1.0 MB read (0%)", Progress.line(0, 0, 1_000_000, 0.5));
    assertEquals("7 documents, 7 documents/s", Progress.line(7, 10, 0, 1.0));
  }

  @Test
  void plainModePrintsLinesWhileRunningAndNothingAfterClose() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (Progress p = Progress.start(Progress.Mode.PLAIN, 1_000, err, Duration.ofMillis(20))) {
      for (int i = 0; i < 5; i++) {
        Progress.documentRead();
        Progress.bytesRead(100);
        Thread.sleep(30);
      }
    }
    String shown = buf.toString(StandardCharsets.UTF_8);
    List<String> lines = shown.lines().toList();
    assertFalse(lines.isEmpty(), "no progress line was printed");
    assertTrue(lines.getLast().startsWith("5 documents, "), shown);
    assertTrue(lines.getLast().contains("of 0.0 MB read (50%), ETA"), shown);
    Thread.sleep(100);
    assertEquals(shown, buf.toString(StandardCharsets.UTF_8), "nothing printed after close");
  }

  @Test
  void noneModeAndANonTerminalAutoPrintNothing() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
    try (Progress p = Progress.start(Progress.Mode.NONE, 1_000, err, Duration.ofMillis(10))) {
      Progress.documentRead();
      Thread.sleep(50);
    }
    if (System.console() == null || !System.console().isTerminal()) {
      try (Progress p = Progress.start(Progress.Mode.AUTO, 1_000, err)) {
        Thread.sleep(50);
      }
    }
    assertEquals("", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void modesParseByNameAndOthersAreNamed() {
    assertEquals(Progress.Mode.PLAIN, Progress.Mode.parse("plain"));
    var e = assertThrows(IllegalArgumentException.class, () -> Progress.Mode.parse("bar"));
    assertEquals("--progress must be auto, plain or none, got bar", e.getMessage());
  }
}
