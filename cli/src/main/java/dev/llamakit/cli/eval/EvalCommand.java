package dev.llamakit.cli.eval;

import dev.llamakit.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code llamakit eval}: benchmark runs, sandboxed execution of completions, reports. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Benchmarks: MMLU, GSM8k, HumanEval, ARC (lm-evaluation-harness compatible).",
    subcommands = {RunCommand.class, ExecuteCommand.class, ReportCommand.class, TasksCommand.class, BenchCommand.class,
        picocli.CommandLine.HelpCommand.class})
public final class EvalCommand extends CommandGroup {}
