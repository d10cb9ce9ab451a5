package dev.llamakit.cli.pipelines;

import dev.llamakit.cli.CommandGroup;
import picocli.CommandLine.Command;

/** {@code llamakit pipeline}: corpus pipelines on Apache Beam. */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
    description = "Corpus pipelines on Apache Beam (embedded Flink runner by default).",
    subcommands = {CcNetCommand.class, RunCommand.class, RecipesCommand.List.class, RecipesCommand.Steps.class,
      CutoffsCommand.class, ContaminationCommand.class, TrainLmCommand.class, TrainClassifierCommand.class, TrainClassifierCommand.Calibrate.class,
      BooksCommand.class, ArxivCommand.class, WikipediaCommand.class,
      SampleCommand.class, StackExchangeCommand.class, GithubCommand.class, picocli.CommandLine.HelpCommand.class})
public final class PipelineCommand extends CommandGroup {}
