package dev.llamakit.cli.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * One engine command run in-process, as the {@code llamakit} CLI maps its exceptions (usage errors 2, failures 1),
 * with standard input given and standard output and error captured: the one way the engine's CLI tests run commands.
 */
record CommandRun(int exit, String out, String err) {
  static CommandRun of(Object cmd, String... args) {
    return of(cmd, new byte[0], args);
  }

  static CommandRun of(Object cmd, byte[] stdin, String... args) {
    CommandLine cl = new CommandLine(cmd);
    cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
    var in = new ByteArrayInputStream(stdin);
    switch (cmd) {
      case GenerateCommand g -> {
        g.out = ps;
        g.in = in;
      }
      case LogprobsCommand l -> {
        l.out = ps;
        l.in = in;
      }
      case ScoreCommand s -> {
        s.out = ps;
        s.in = in;
      }
      case ChatCommand c -> {
        c.out = ps;
        c.stdin = in;
      }
      case PerplexityCommand p -> {
        p.out = ps;
        p.err = new PrintStream(java.io.OutputStream.nullOutputStream());
        p.in = in;
      }
      case InspectCommand i -> i.out = ps;
      case BenchCommand b -> b.out = ps;
      default -> throw new AssertionError("no output to capture for " + cmd);
    }
    int exit = cl.execute(args);
    return new CommandRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
  }
}
