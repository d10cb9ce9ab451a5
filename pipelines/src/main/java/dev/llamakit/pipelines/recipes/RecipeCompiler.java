package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.beam.OutputLayout;
import dev.llamakit.pipelines.filters.DocumentFilter;
import dev.llamakit.pipelines.filters.FilterChain;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.FilterStep;
import dev.llamakit.pipelines.filters.ParamsBinder;
import dev.llamakit.engine.suggest.Suggestions;
import dev.llamakit.pipelines.io.InputResolver;
import dev.llamakit.pipelines.io.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link Recipe} into a {@link CompiledRecipe}: checks its shape (read first, write last), binds every
 * step's parameters (unknown steps and parameters are errors naming the recipe, the step and the parameter, with
 * near names), builds each rule once on the driver (model files resolved here), resolves the inputs, and fuses
 * consecutive rules into one stage. Everything that can be wrong with a recipe is reported here, before a pipeline
 * starts.
 */
public final class RecipeCompiler {
  /** The first and last step; in between, corpus steps ({@link CorpusSteps}) and rules of the filter registry. */
  public static final List<String> BUILT_IN_STEPS = List.of("read", "write");
  /** Parameters every rule step takes besides its own. */
  public static final String SIGNALS_ONLY = "signals_only";
  public static final String SIGNALS = "signals";

  private final FilterRegistry registry;

  public RecipeCompiler(FilterRegistry registry) {
    this.registry = registry;
  }

  public RecipeCompiler() {
    this(FilterRegistry.standard());
  }

  /** What to read: files, folders or globs, and/or a paths file with its base (a folder, s3:// or http(s):// URL). */
  public record Inputs(List<String> paths, Path pathsFile, String base) {
    public Inputs {
      paths = List.copyOf(paths);
    }

    public static Inputs of(String... paths) {
      return new Inputs(List.of(paths), null, null);
    }
  }

  /**
   * @param parallelism the default shard count of the write step
   * @throws RecipeException for anything wrong with the recipe
   * @throws IOException for inputs that do not exist or cannot be read
   */
  public CompiledRecipe compile(Recipe recipe, Inputs inputs, int parallelism) throws IOException {
    List<RecipeStep> steps = recipe.steps();
    String origin = recipe.origin();
    if (!steps.getFirst().name().equals("read")) {
      throw new RecipeException(origin + ": the first step must be 'read', not '" + steps.getFirst().name() + "'");
    }
    if (!steps.getLast().name().equals("write")) {
      throw new RecipeException(origin + ": the last step must be 'write', not '" + steps.getLast().name() + "'");
    }
    ReadStep.Params read = bind(origin, steps.getFirst(), ReadStep.Params.class);
    WriteStep.Params write = bind(origin, steps.getLast(), WriteStep.Params.class);
    ReadOptions readOptions;
    OutputLayout layout;
    try {
      readOptions = ReadStep.options(read);
      layout = OutputLayout.parse(write.layout);
      if (write.shards < 0) {
        throw new IllegalArgumentException("shards must be 0 (the parallelism) or more, not " + write.shards);
      }
    } catch (IllegalArgumentException e) {
      throw new RecipeException(origin + ": " + e.getMessage(), e);
    }
    List<CompiledRecipe.Stage> stages = new ArrayList<>();
    List<FilterStep> run = new ArrayList<>();
    boolean bucketed = false;
    for (RecipeStep s : steps.subList(1, steps.size() - 1)) {
      switch (s.name()) {
        case "read", "write" -> throw new RecipeException(origin + ": " + s + " may only be the "
            + (s.name().equals("read") ? "first" : "last") + " step");
        default -> {
          if (CorpusSteps.standard().contains(s.name())) {
            flush(run, stages);
            stages.add(corpus(origin, s));
            continue;
          }
          run.add(rule(origin, s));
          bucketed |= s.name().equals("bucket");
        }
      }
    }
    flush(run, stages);
    if (layout == OutputLayout.LANGUAGE_BUCKET && !bucketed) {
      throw new RecipeException(origin + ": write layout language_bucket needs a 'bucket' step before it");
    }
    var files = new InputResolver(ReadStep.format(read)).resolve(inputs.paths(), inputs.pathsFile(), inputs.base());
    return new CompiledRecipe(recipe, files, readOptions, stages, layout, write.shards);
  }

  private static CompiledRecipe.Corpus corpus(String origin, RecipeStep s) {
    try {
      return new CompiledRecipe.Corpus(s.name(), CorpusSteps.standard().create(s.name(), s.params()));
    } catch (IllegalArgumentException e) {
      throw new RecipeException(origin + ": step " + s.index() + ": " + e.getMessage(), e);
    }
  }

  /** Every step name a recipe may use. */
  public List<String> stepNames() {
    List<String> all = new ArrayList<>(BUILT_IN_STEPS);
    all.addAll(CorpusSteps.standard().names());
    all.addAll(registry.names());
    return all;
  }

  private FilterStep rule(String origin, RecipeStep s) {
    if (!registry.contains(s.name())) {
      List<String> all = stepNames();
      throw new RecipeException(origin + ": " + s + ": unknown step" + Suggestions.didYouMean(s.name(), all)
          + "; steps: " + String.join(", ", all));
    }
    Map<String, Object> params = new LinkedHashMap<>(s.params());
    boolean signalsOnly = flag(origin, s, params.remove(SIGNALS_ONLY));
    boolean signals = flag(origin, s, params.remove(SIGNALS));
    try {
      DocumentFilter f = registry.create(s.name(), params);
      return new FilterStep(s.name(), f, signalsOnly, signals || signalsOnly);
    } catch (IllegalArgumentException e) {
      throw new RecipeException(origin + ": step " + s.index() + ": " + e.getMessage(), e);
    }
  }

  private static boolean flag(String origin, RecipeStep s, Object v) {
    if (v == null) {
      return false;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw new RecipeException(origin + ": " + s + ": parameter must be true or false, not " + v);
  }

  private static <T> T bind(String origin, RecipeStep s, Class<T> type) {
    try {
      return ParamsBinder.bind(s.name(), type, s.params());
    } catch (IllegalArgumentException e) {
      throw new RecipeException(origin + ": step " + s.index() + ": " + e.getMessage(), e);
    }
  }

  private static void flush(List<FilterStep> run, List<CompiledRecipe.Stage> stages) {
    if (!run.isEmpty()) {
      String label = String.join("+", run.stream().map(FilterStep::name).toList());
      stages.add(new CompiledRecipe.Filters(label, new FilterChain(run)));
      run.clear();
    }
  }
}
