package dev.llamakit.pipelines.recipes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A corpus recipe as data: a name, a description and an ordered list of steps with their parameters, read from a
 * small YAML or JSON file ({@link Recipes}). The first step is {@code read}, the last {@code write}; in between,
 * {@code dedup_lines} and any rule of the filter registry, in the order they run.
 *
 * <pre>{@code
 * name: my-recipe
 * steps:
 *   - read: {}
 *   - length: {min_length: 300}
 *   - dedup_lines: {policy: remove-all}
 *   - language: {threshold: 0.5, languages: [en]}
 *   - gopher_quality: {signals_only: true}
 *   - write: {layout: language}
 * }</pre>
 *
 * @param name the recipe's name
 * @param description what it does (one paragraph)
 * @param origin where it was read from (a file path or {@code preset:NAME}): errors name it
 * @param steps the steps in order
 */
public record Recipe(String name, String description, String origin, List<RecipeStep> steps) {
  public Recipe {
    steps = List.copyOf(steps);
  }

  /** The first step with this name, or null. */
  public RecipeStep step(String stepName) {
    for (RecipeStep s : steps) {
      if (s.name().equals(stepName)) {
        return s;
      }
    }
    return null;
  }

  /** A copy with a parameter of the first step named {@code stepName} set. */
  public Recipe with(String stepName, String key, Object value) {
    List<RecipeStep> out = new ArrayList<>(steps);
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).name().equals(stepName)) {
        out.set(i, out.get(i).with(key, value));
        return new Recipe(name, description, origin, out);
      }
    }
    throw new RecipeException(origin + ": no step '" + stepName + "' to set " + key + " on"
        + dev.llamakit.engine.suggest.Suggestions.didYouMean(stepName, stepNames()) + "; steps: "
        + String.join(", ", stepNames()));
  }

  /** A copy with a parameter set on every rule step (every step but read, write and the corpus steps). */
  public Recipe allRules(String key, Object value) {
    List<RecipeStep> out = new ArrayList<>();
    for (RecipeStep s : steps) {
      out.add(RecipeCompiler.BUILT_IN_STEPS.contains(s.name()) || CorpusSteps.standard().contains(s.name()) ? s
          : s.with(key, value));
    }
    return new Recipe(name, description, origin, out);
  }

  /** A copy with a step inserted before the first step named {@code before}. */
  public Recipe insertBefore(String before, String stepName, Map<String, Object> params) {
    List<RecipeStep> out = new ArrayList<>();
    boolean inserted = false;
    for (RecipeStep s : steps) {
      if (!inserted && s.name().equals(before)) {
        out.add(new RecipeStep(0, stepName, new LinkedHashMap<>(params)));
        inserted = true;
      }
      out.add(s);
    }
    if (!inserted) {
      throw new RecipeException(origin + ": no step '" + before + "'");
    }
    List<RecipeStep> renumbered = new ArrayList<>();
    for (int i = 0; i < out.size(); i++) {
      renumbered.add(new RecipeStep(i + 1, out.get(i).name(), out.get(i).params()));
    }
    return new Recipe(name, description, origin, renumbered);
  }

  /** The step names in order. */
  public List<String> stepNames() {
    return steps.stream().map(RecipeStep::name).toList();
  }
}
