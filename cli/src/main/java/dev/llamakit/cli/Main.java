package dev.llamakit.cli;

import picocli.CommandLine;

/** Entry point of the {@code llamakit} command: exit 0 on success, 1 on failure, 2 on a usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code (for tests and embedding). An {@link Error} escaping a command
   * (OutOfMemoryError, StackOverflowError) is a failure too: one line, exit 1.
   */
  public static int run(String... args) {
    CommandLine cl = LlamakitCommand.commandLine();
    try {
      return cl.execute(args);
    } catch (Error e) {
      ErrorHandler.report(cl.getErr(), "llamakit", e);
      return ErrorHandler.FAILURE;
    }
  }
}
