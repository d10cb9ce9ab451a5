package dev.llamakit.cli;

import dev.llamakit.engine.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code llamakit bench}: every module's benchmark under one roof. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks: throughput and latency of each module on this machine.",
        "bench pipeline | rules | minhash | warc | engine (= engine bench) | safety (= safety bench) | eval (= eval bench)"},
    subcommands = {dev.llamakit.pipelines.cli.PipelineBenchCommand.class,
        dev.llamakit.pipelines.cli.StepsBenchCommand.class,
        dev.llamakit.pipelines.cli.MinHashBenchCommand.class, dev.llamakit.pipelines.cli.WarcBenchCommand.class,
        picocli.CommandLine.HelpCommand.class})
final class BenchCommand extends CommandGroup {}
