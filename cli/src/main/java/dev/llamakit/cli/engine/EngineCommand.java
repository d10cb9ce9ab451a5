package dev.llamakit.cli.engine;

import dev.llamakit.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code llamakit engine}: run Llama models in the bundled pure-Java engine. */
@Command(name = "engine", mixinStandardHelpOptions = true,
    description = "Run Llama models (GGUF, llama2.c) in the pure-Java engine.",
    subcommands = {picocli.CommandLine.HelpCommand.class, GenerateCommand.class, ChatCommand.class,
        ScoreCommand.class, LogprobsCommand.class, PerplexityCommand.class, InspectCommand.class, SynthCommand.class, QuantizeCommand.class,
        BenchCommand.class, TokenizeCommand.class})
public final class EngineCommand extends CommandGroup {}
