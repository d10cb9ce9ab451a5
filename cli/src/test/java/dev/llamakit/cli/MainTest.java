package dev.llamakit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command tree and its exit-code contract: 0 success, 1 failure, 2 usage error; --help everywhere. */
class MainTest {
  @Test
  void everyModuleContributesAGroup() {
    CommandLine cl = LlamakitCommand.commandLine();
    assertTrue(cl.getSubcommands().keySet().containsAll(Set.of("pipeline", "engine", "safety", "eval", "models", "bench")));
    assertTrue(cl.getSubcommands().get("bench").getSubcommands().keySet()
        .containsAll(Set.of("pipeline", "engine", "safety", "eval")));
  }

  @Test
  void helpAtEveryLevelExitsZero() {
    walk(LlamakitCommand.commandLine(), "");
  }

  private static void walk(CommandLine cl, String path) {
    String[] args = (path + " --help").trim().split(" ");
    if (!cl.getCommandName().equals("help")) {
      assertEquals(0, Main.run(args), "llamakit " + path + " --help");
    }
    for (var e : cl.getSubcommands().entrySet()) {
      if (!e.getKey().equals("help")) {
        walk(e.getValue(), (path + " " + e.getKey()).trim());
      }
    }
  }

  @Test
  void usageErrorsExitTwoAndFailuresExitOne(@TempDir Path tmp) {
    assertEquals(2, Main.run("engine"));
    assertEquals(2, Main.run("no-such-command"));
    assertEquals(2, Main.run("pipeline", "ccnet", "--dedup"));
    assertEquals(1, Main.run("pipeline", "ccnet", tmp.resolve("missing.warc.wet.gz").toString(),
        "--output", tmp.resolve("out").toString(), "--lid-model", tmp.resolve("lid.ftz").toString()));
    assertEquals(1, Main.run("models", "fetch", "lid176", "--from", tmp.resolve("nope.ftz").toString()));
  }
}
