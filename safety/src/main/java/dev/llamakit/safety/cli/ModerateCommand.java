package dev.llamakit.safety.cli;

import dev.llamakit.safety.Message;
import dev.llamakit.safety.Role;
import dev.llamakit.safety.ShieldResult;
import dev.llamakit.safety.moderation.ModerationFilter;
import dev.llamakit.safety.moderation.ModerationOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code llamakit safety moderate --text ...}: the input side of the moderation filter (no model needed). */
@Command(name = "moderate", mixinStandardHelpOptions = true,
    description = "Check a message with the input shields of the moderation filter (USER: moderation + prompt attack; TOOL: prompt attack).")
public final class ModerateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--text", required = true, description = "The message to check.") String text;

  @Option(names = "--role", defaultValue = "user", description = "user or tool (default: ${DEFAULT-VALUE}).") String role;

  @Override
  public Integer call() {
    Role r;
    try {
      r = Role.parse(role);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    List<Message> conv = r == Role.TOOL ? List.of(Message.user("Summarize this document."), Message.tool(text)) : List.of(new Message(r, text));
    ModerationFilter f = new ModerationFilter((m, c, x) -> { }, ModerationFilter.Config.defaults());
    List<ShieldResult> results = new ArrayList<>();
    ModerationOutcome refused = f.checkInput(conv, results);
    for (ShieldResult s : results) {
      System.out.printf("%-20s %-5s score=%.4f %s %s(%d us)%n", s.shieldId(), s.decision(), s.score(), s.categoryList(),
          s.detail().isEmpty() ? "" : "[" + s.detail() + "] ", s.latency().toNanos() / 1000);
    }
    System.out.println(refused == null ? "ALLOW" : "BLOCK: " + refused.text());
    return 0;
  }
}
