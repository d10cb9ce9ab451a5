package dev.llamakit.cli.engine;

import dev.llamakit.cli.CommandGroup;
import dev.llamakit.engine.store.CatalogueEntry;
import dev.llamakit.engine.store.ModelStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code llamakit models}: the local model cache ({@code $LLAMAKIT_HOME/models}). */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "Obtain and verify model files in the local cache ($LLAMAKIT_HOME, default ~/.llamakit).",
    subcommands = {ModelsCommand.Fetch.class, ModelsCommand.ListModels.class, picocli.CommandLine.HelpCommand.class})
public final class ModelsCommand extends CommandGroup {

  /** {@code llamakit models fetch ID}. */
  @Command(name = "fetch", mixinStandardHelpOptions = true,
      description = "Obtain a catalogued model, verify its size and MD5, and store it in the cache.")
  static final class Fetch implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "Model id, e.g. lid176.") String id;

    @Option(names = "--from", paramLabel = "FILE", description = "Install from this local copy instead of downloading.")
    Path from;

    @Option(names = "--force", description = "Fetch again even when a verified copy is cached.") boolean force;

    @Override
    public Integer call() throws NoSuchFileException {
      if (from != null && !Files.isRegularFile(from)) {
        throw new NoSuchFileException(from.toString());  // a failure (exit 1) in one line, before any progress
      }
      ModelStore store = ModelStore.standard();
      if (!force && from == null && store.isPresent(id)) {
        System.out.println("already cached and verified: " + store.pathOf(id));
        return 0;
      }
      Path p = store.fetch(id, from, System.err);
      System.out.println(p);
      return 0;
    }
  }

  /** {@code llamakit models list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List catalogued models and whether each is cached.")
  static final class ListModels implements Callable<Integer> {
    @Override
    public Integer call() {
      ModelStore store = ModelStore.standard();
      for (CatalogueEntry e : store.catalogue().values()) {
        System.out.printf("%-10s %-8s %s%n           %s%n", e.id(), store.isPresent(e.id()) ? "cached" : "missing",
            store.pathOf(e.id()), e.description());
      }
      return 0;
    }
  }
}
