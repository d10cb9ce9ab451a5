package dev.llamakit.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * llamakit's one error convention, for every command of the tree.
 *
 * <ul>
 *   <li>A usage error (unknown option or subcommand, a missing or invalid argument) exits 2 and prints the error and a
 *       pointer to the command's help, never the whole help:
 *       <pre>
 * llamakit engine generate: Unknown option: '--bogus'
 * Try 'llamakit engine generate --help' for more information.</pre>
 *   <li>A failure (a missing or malformed input, a model that cannot load, anything a command throws) exits 1 and
 *       prints one line naming the command and, when a file is at fault, the file:
 *       <pre>
 * llamakit engine generate: error: /models/missing.gguf: no such file</pre>
 *       {@code LLAMAKIT_DEBUG=1} adds the stack trace.
 * </ul>
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  static final int FAILURE = 1;
  static final int USAGE = 2;

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    PrintWriter err = cl.getErr();
    String name = qualifiedName(cl);
    err.println(name + ": " + oneLine(ex.getMessage()));
    if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
      err.println("Did you mean: " + String.join(", ", u.getSuggestions().subList(0, Math.min(5,
          u.getSuggestions().size()))) + "?");
    }
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    report(cl.getErr(), qualifiedName(cl), ex);
    return FAILURE;
  }

  /**
   * The command as typed, e.g. {@code llamakit bench engine}: the names it is registered under, which differ from its
   * own name where a module's command is mounted a second time ({@code engine bench} is also {@code bench engine}).
   */
  static String qualifiedName(CommandLine cl) {
    CommandLine parent = cl.getParent();
    if (parent == null) {
      return cl.getCommandName();
    }
    for (var e : parent.getSubcommands().entrySet()) {
      if (e.getValue() == cl) {
        return qualifiedName(parent) + " " + e.getKey();
      }
    }
    return qualifiedName(parent) + " " + cl.getCommandName();
  }

  /** The one line of a failure (and its stack trace with {@code LLAMAKIT_DEBUG=1}). */
  static void report(PrintWriter err, String command, Throwable t) {
    err.println(command + ": error: " + describe(t));
    if ("1".equals(System.getenv("LLAMAKIT_DEBUG"))) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /**
   * What went wrong in one line: a missing file, whichever module noticed it (a {@link NoSuchFileException} anywhere
   * in the causes), as {@code FILE: no such file}; else the message, else the type.
   */
  static String describe(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof NoSuchFileException e) {
        return e.getFile() + ": no such file";
      }
    }
    String msg = t.getMessage();
    if (msg == null || msg.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return t instanceof Error ? t.getClass().getSimpleName() + ": " + oneLine(msg) : oneLine(msg);
  }

  /** A message folded onto one line (some parsers' messages carry a second line with the location). */
  static String oneLine(String msg) {
    return msg == null ? "" : msg.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
