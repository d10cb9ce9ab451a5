package dev.llamakit.cli;

import picocli.CommandLine;

/** Wires each module's subcommand group into the root command. */
final class CommandGroups {
  private CommandGroups() {}

  static void register(CommandLine root) {
    root.addSubcommand(new dev.llamakit.pipelines.cli.PipelineCommand());
    root.addSubcommand(new dev.llamakit.engine.cli.EngineCommand());
    root.addSubcommand(new dev.llamakit.safety.cli.SafetyCommand());
    root.addSubcommand(new dev.llamakit.eval.cli.EvalCommand());
    root.addSubcommand(new dev.llamakit.engine.cli.ModelsCommand());
    root.addSubcommand(new dev.llamakit.serve.cli.ServeCommand());
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.addSubcommand("engine", new dev.llamakit.engine.cli.BenchCommand());
    bench.addSubcommand("safety", new dev.llamakit.safety.cli.BenchCommand());
    bench.addSubcommand("eval", new dev.llamakit.eval.cli.BenchCommand());
    bench.addSubcommand("serve", new dev.llamakit.serve.cli.BenchServeCommand());
    root.addSubcommand("bench", bench);
  }
}
