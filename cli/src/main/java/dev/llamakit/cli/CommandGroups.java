package dev.llamakit.cli;

import picocli.CommandLine;

/** Wires each module's subcommand group into the root command. */
final class CommandGroups {
  private CommandGroups() {}

  static void register(CommandLine root) {
    root.addSubcommand(new dev.llamakit.cli.pipelines.PipelineCommand());
    root.addSubcommand(new dev.llamakit.cli.engine.EngineCommand());
    root.addSubcommand(new dev.llamakit.cli.safety.SafetyCommand());
    root.addSubcommand(new dev.llamakit.cli.eval.EvalCommand());
    root.addSubcommand(new dev.llamakit.cli.engine.ModelsCommand());
    root.addSubcommand(new dev.llamakit.cli.serve.ServeCommand());
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.addSubcommand("engine", new dev.llamakit.cli.engine.BenchCommand());
    bench.addSubcommand("safety", new dev.llamakit.cli.safety.BenchCommand());
    bench.addSubcommand("eval", new dev.llamakit.cli.eval.BenchCommand());
    bench.addSubcommand("serve", new dev.llamakit.cli.serve.BenchServeCommand());
    root.addSubcommand("bench", bench);
  }
}
