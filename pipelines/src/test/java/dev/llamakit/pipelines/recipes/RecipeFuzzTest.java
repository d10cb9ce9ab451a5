package dev.llamakit.pipelines.recipes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.llamakit.engine.io.TextFormatException;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17: recipe files fuzzed in the suite, YAML and JSON, seeded with the shipped presets. Contract: a mutant is
 * loaded and compiled, or rejected with a {@link RecipeException} (or, for bytes that are not text, a
 * {@link TextFormatException}) naming the recipe file; nothing else, no hang.
 */
class RecipeFuzzTest {
  @TempDir Path tmp;

  private static List<byte[]> presets(boolean json) throws IOException {
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    List<byte[]> seeds = new ArrayList<>();
    for (String name : Recipes.presets()) {
      String text = Resources.text(Recipes.class, "presets/" + name + ".yaml");
      seeds.add(json ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(yaml.readTree(text))
          : text.getBytes(StandardCharsets.UTF_8));
    }
    return seeds;
  }

  private void fuzz(String name, String suffix, List<byte[]> seeds) throws IOException {
    Path input = TestCorpus.write(Files.createDirectories(tmp.resolve("in")));
    FuzzRun.of(name, suffix, seeds)
        .rejectsWith(RecipeException.class, TextFormatException.class)
        .run(f -> new RecipeCompiler().compile(Recipes.load(f), RecipeCompiler.Inputs.of(input.toString()), 1))
        .assertContract();
  }

  @Test
  void yamlRecipes() throws IOException {
    fuzz("recipe-yaml", ".yaml", presets(false));
  }

  @Test
  void jsonRecipes() throws IOException {
    fuzz("recipe-json", ".json", presets(true));
  }
}
