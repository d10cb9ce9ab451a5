package dev.llamakit.pipelines.recipes;

import dev.llamakit.pipelines.io.Resources;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llamakit.engine.suggest.Suggestions;
import dev.llamakit.engine.io.TextLines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads recipes: from a YAML or JSON file, or from the presets shipped as resources ({@code presets/NAME.yaml},
 * listed in {@code presets/index.txt}). Structure errors name the file and the step; parameter errors are raised
 * when the recipe is compiled ({@link RecipeCompiler}).
 *
 * <pre>{@code
 * Recipe r = Recipes.resolve("ccnet");                 // a preset
 * Recipe mine = Recipes.resolve("recipes/mine.yaml");   // a file
 * Recipe tuned = Recipes.override(r, "language.languages=[en, fr]");
 * }</pre>
 */
public final class Recipes {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> TOP_LEVEL = Set.of("name", "description", "steps");

  private Recipes() {}

  /** The names of the shipped presets, in the order of {@code presets/index.txt}. */
  public static List<String> presets() {
    return Resources.tableLines(Recipes.class, "presets/index.txt").stream().map(String::strip).toList();
  }

  /** A preset by name. */
  public static Recipe preset(String name) {
    if (!presets().contains(name)) {
      throw new RecipeException("no preset recipe '" + name + "'" + Suggestions.didYouMean(name, presets())
          + "; presets: " + String.join(", ", presets()));
    }
    return parse(Resources.text(Recipes.class, "presets/" + name + ".yaml"), "preset:" + name);
  }

  /** A recipe file (YAML or JSON). */
  public static Recipe load(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "recipe file not found");
    }
    return parse(TextLines.readAll(file), file.toString()); // strict UTF-8: a bad byte names file:line
  }

  /** A file when {@code nameOrPath} names an existing file (or has a YAML/JSON extension), else a preset. */
  public static Recipe resolve(String nameOrPath) throws IOException {
    Path p = Path.of(nameOrPath);
    if (Files.isRegularFile(p) || nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")
        || nameOrPath.endsWith(".json")) {
      return load(p);
    }
    return preset(nameOrPath);
  }

  /** Parses recipe text; {@code origin} names it in errors. */
  public static Recipe parse(String text, String origin) {
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
      throw new RecipeException(origin + where + ": not valid YAML/JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new RecipeException(origin + ": a recipe is a mapping with 'name', 'description' and 'steps'");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!TOP_LEVEL.contains(k)) {
        throw new RecipeException(origin + ": unknown key '" + k + "'" + Suggestions.didYouMean(k, TOP_LEVEL)
            + "; a recipe has name, description, steps");
      }
    }
    JsonNode steps = root.get("steps");
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      throw new RecipeException(origin + ": 'steps' must be a non-empty list");
    }
    List<RecipeStep> out = new ArrayList<>();
    int i = 0;
    for (JsonNode s : steps) {
      i++;
      out.add(step(s, i, origin));
    }
    String name = root.hasNonNull("name") ? root.get("name").asText() : origin;
    String description = root.hasNonNull("description") ? root.get("description").asText() : "";
    return new Recipe(name, description, origin, out);
  }

  private static RecipeStep step(JsonNode s, int index, String origin) {
    if (s.isTextual()) {
      return new RecipeStep(index, s.asText(), Map.of());
    }
    if (!s.isObject() || s.size() != 1) {
      throw new RecipeException(origin + ": step " + index + " must be one 'name: {parameters}' entry, got " + s);
    }
    String name = s.fieldNames().next();
    JsonNode params = s.get(name);
    if (params == null || params.isNull()) {
      return new RecipeStep(index, name, Map.of());
    }
    if (!params.isObject()) {
      throw new RecipeException(origin + ": step " + index + " '" + name + "': parameters must be a mapping, got "
          + params);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = YAML.convertValue(params, LinkedHashMap.class);
    return new RecipeStep(index, name, m);
  }

  /**
   * Applies one {@code step.param=value} override (value in YAML: {@code 0.3}, {@code true}, {@code [en, fr]},
   * {@code text}) to the first step of that name.
   */
  public static Recipe override(Recipe r, String assignment) {
    int eq = assignment.indexOf('=');
    int dot = assignment.indexOf('.');
    if (eq < 0 || dot < 0 || dot > eq) {
      throw new RecipeException("--set needs step.parameter=value, got '" + assignment + "'");
    }
    String step = assignment.substring(0, dot);
    String key = assignment.substring(dot + 1, eq);
    String raw = assignment.substring(eq + 1);
    Object value;
    try {
      value = raw.isEmpty() ? "" : YAML.readValue(raw, Object.class);
    } catch (JsonProcessingException e) {
      value = raw;
    }
    return r.with(step, key, value);
  }
}
