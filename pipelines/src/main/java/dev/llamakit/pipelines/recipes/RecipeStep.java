package dev.llamakit.pipelines.recipes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step of a recipe as written: its position (1-based), its name and its parameters.
 *
 * @param index position in the recipe's step list, from 1 (errors name it)
 * @param name the step name ({@code read}, {@code dedup_lines}, {@code write}, or a rule of the filter registry)
 * @param params the parameters as written; missing ones take the step's defaults
 */
public record RecipeStep(int index, String name, Map<String, Object> params) {
  public RecipeStep {
    params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  /** A copy with one parameter set. */
  public RecipeStep with(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>(params);
    m.put(key, value);
    return new RecipeStep(index, name, m);
  }

  @Override
  public String toString() {
    return "step " + index + " '" + name + "'";
  }
}
