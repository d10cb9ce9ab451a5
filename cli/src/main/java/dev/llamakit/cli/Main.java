package dev.llamakit.cli;

import picocli.CommandLine;

/** Entry point of the {@code llamakit} command: exit 0 on success, 1 on failure, 2 on a usage error. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code (for tests and embedding). */
  public static int run(String... args) {
    return LlamakitCommand.commandLine().execute(args);
  }
}
