package dev.llamakit.cli;

import picocli.CommandLine.Command;

/** {@code llamakit bench}: every module's benchmark under one roof. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks: throughput and latency of each module on this machine.",
        "bench pipeline | rules | minhash | warc | engine (= engine bench) | safety (= safety bench) | eval (= eval bench)"},
    subcommands = {dev.llamakit.cli.pipelines.PipelineBenchCommand.class,
        dev.llamakit.cli.pipelines.StepsBenchCommand.class,
        dev.llamakit.cli.pipelines.MinHashBenchCommand.class, dev.llamakit.cli.pipelines.WarcBenchCommand.class,
        picocli.CommandLine.HelpCommand.class})
final class BenchCommand extends CommandGroup {}
