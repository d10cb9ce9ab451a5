package dev.llamakit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root of the command tree; each module contributes one subcommand group. */
@Command(
    name = "llamakit",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "LLaMA's data cleaning, a pure-Java Llama engine, safety shields and benchmarks on the JVM.",
    subcommands = {CommandLine.HelpCommand.class})
public final class LlamakitCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "Missing a subcommand: " + spec.subcommands().keySet());
  }

  /**
   * Builds the full command tree with llamakit's exit-code and error conventions ({@link ErrorHandler}): 0 success,
   * 1 failure with one line, 2 usage error with a short hint. The handlers are set after every group is registered,
   * so they cover the whole tree.
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new LlamakitCommand());
    CommandGroups.register(cl);
    ErrorHandler handler = new ErrorHandler();
    cl.setParameterExceptionHandler(handler);
    cl.setExecutionExceptionHandler(handler);
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? ErrorHandler.USAGE
        : ErrorHandler.FAILURE);
    return cl;
  }
}
