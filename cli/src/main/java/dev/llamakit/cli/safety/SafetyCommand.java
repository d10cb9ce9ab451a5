package dev.llamakit.cli.safety;

import dev.llamakit.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code llamakit safety}: shields, the moderation filter, training and evaluation of the classifiers. */
@Command(name = "safety", mixinStandardHelpOptions = true,
    description = "Safety shields: Llama Guard, the embedded classifier, injection and insecure-code detectors.",
    subcommands = {ClassifyCommand.class, ModerateCommand.class, EvalCommand.class, TrainCommand.class,
        BenchCommand.class, picocli.CommandLine.HelpCommand.class})
public final class SafetyCommand extends CommandGroup {}
