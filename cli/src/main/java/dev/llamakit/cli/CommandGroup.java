package dev.llamakit.cli;

import picocli.CommandLine;

/**
 * Base of a command that only groups subcommands ({@code llamakit engine}, {@code llamakit safety}, ...): run bare,
 * it is a usage error (exit 2) that lists what it contains.
 */
public abstract class CommandGroup implements Runnable {
  @CommandLine.Spec protected CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "Missing a subcommand of '" + spec.qualifiedName() + "': " + String.join(", ", spec.subcommands().keySet()));
  }
}
