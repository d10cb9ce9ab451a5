package dev.llamakit.cli;

import picocli.CommandLine;

/** Prints a failure as one clear line (the stack trace only with LLAMAKIT_DEBUG=1) and maps it to exit code 1. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
    if (ex instanceof CommandLine.ParameterException pe) {
      cl.getErr().println("llamakit: " + pe.getMessage());
      return 2;
    }
    String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cl.getErr().println("llamakit " + cl.getCommandName() + ": error: " + msg);
    if ("1".equals(System.getenv("LLAMAKIT_DEBUG"))) {
      ex.printStackTrace(cl.getErr());
    }
    return 1;
  }
}
