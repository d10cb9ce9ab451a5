package dev.llamakit.cli.pipelines;

import dev.llamakit.pipelines.recipes.Recipes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The shape of a source's shortcut, {@code llamakit pipeline <source> INPUT... -o DIR}: {@code pipeline run <preset>}
 * under the preset's name, with the same job options. A shortcut is a subclass naming its preset and its
 * {@code @Command} (name, description, examples), listed in {@link PipelineCommand}:
 *
 * <pre>{@code
 * @Command(name = "github", mixinStandardHelpOptions = true, sortOptions = false, description = "...")
 * public final class GithubCommand extends PresetShortcut {
 *   public GithubCommand() { super("github"); }
 * }
 * }</pre>
 */
public abstract class PresetShortcut implements Callable<Integer> {
  private final String preset;

  @Parameters(arity = "0..*", paramLabel = "INPUT", description = JobOptions.INPUTS)
  List<String> inputs = new ArrayList<>();

  @Mixin JobOptions job;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  protected PresetShortcut(String preset) {
    this.preset = preset;
  }

  @Override
  public Integer call() throws Exception {
    return job.run(Recipes.resolve(preset), inputs, spec.commandLine());
  }
}
