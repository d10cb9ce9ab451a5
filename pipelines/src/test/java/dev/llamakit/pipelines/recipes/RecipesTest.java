package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.beam.OutputLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading, overriding and compiling recipes, and every recipe error naming where it is. */
class RecipesTest {
  @TempDir Path tmp;

  @Test
  void everyPresetParsesAndStartsWithReadAndEndsWithWrite() {
    assertTrue(Recipes.presets().contains("ccnet"));
    for (String name : Recipes.presets()) {
      Recipe r = Recipes.preset(name);
      assertEquals(name, r.name());
      assertEquals("read", r.steps().getFirst().name(), name);
      assertEquals("write", r.steps().getLast().name(), name);
      assertTrue(!r.description().isBlank(), name + " has a description");
    }
  }

  @Test
  void compilesAUserRecipeFromYamlAndFusesRules() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path input = Files.writeString(tmp.resolve("in.jsonl"), "{\"text\": \"hello\"}\n");
    Path file = Files.writeString(tmp.resolve("mine.yaml"), """
        name: mine
        description: length, dedup, then two rules fused
        steps:
          - read: {format: jsonl, title: false}
          - length: {min_length: 10}
          - dedup_lines: {policy: keep-first}
          - language: {model: %s, threshold: 0.4}
          - safety: {signals_only: true, threshold: 0.9}
          - write: {layout: single, shards: 3}
        """.formatted(lid));
    CompiledRecipe c = new RecipeCompiler().compile(Recipes.load(file), RecipeCompiler.Inputs.of(input.toString()), 2);
    assertEquals(OutputLayout.SINGLE, c.layout());
    assertEquals(3, c.shards());
    assertEquals(3, c.stages().size());
    assertEquals("length", ((CompiledRecipe.Filters) c.stages().get(0)).label());
    assertTrue(c.stages().get(1) instanceof CompiledRecipe.Corpus cs && cs.name().equals("dedup_lines"));
    CompiledRecipe.Filters fused = (CompiledRecipe.Filters) c.stages().get(2);
    assertEquals("language+safety", fused.label());
    assertTrue(fused.chain().steps().get(1).signalsOnly());
    assertTrue(!c.read().titleFromFirstLine());
    assertEquals(1, c.inputs().size());
  }

  @Test
  void overridesSetTypedValues() {
    Recipe r = Recipes.override(Recipes.preset("ccnet"), "language.languages=[en, fr]");
    r = Recipes.override(r, "language.threshold=0.7");
    assertEquals(List.of("en", "fr"), r.step("language").params().get("languages"));
    assertEquals(0.7, r.step("language").params().get("threshold"));
    var e = assertThrows(RecipeException.class, () -> Recipes.override(Recipes.preset("ccnet"), "langauge.x=1"));
    assertTrue(e.getMessage().contains("no step 'langauge'") && e.getMessage().contains("did you mean 'language'"),
        e.getMessage());
  }

  @Test
  void recipeErrorsNameTheFileTheStepAndTheParameter() throws Exception {
    Path in = Files.writeString(tmp.resolve("in.jsonl"), "{\"text\": \"hello\"}\n");
    assertError("steps:\n  - read: {}\n  - lenght: {}\n  - write: {}\n",
        "step 2 'lenght': unknown step (did you mean 'length'?)", in);
    assertError("steps:\n  - read: {}\n  - length: {min_len: 3}\n  - write: {}\n",
        "step 2: step 'length': unknown parameter 'min_len' (did you mean 'min_length'?)", in);
    assertError("steps:\n  - read: {}\n  - length: {min_length: many}\n  - write: {}\n",
        "step 2: step 'length': parameter 'min_length' must be a whole number, not 'many'", in);
    assertError("steps:\n  - length: {}\n  - write: {}\n", "the first step must be 'read'", in);
    assertError("steps:\n  - read: {}\n  - length: {}\n", "the last step must be 'write'", in);
    assertError("steps:\n  - read: {}\n  - write: {layout: language_bucket}\n",
        "layout language_bucket needs a 'bucket' step", in);
    assertError("steps:\n  - read: {}\n  - write: {layout: by_language}\n",
        "layout must be language, language_bucket or single", in);
    assertError("stepz:\n  - read: {}\n", "unknown key 'stepz' (did you mean 'steps'?)", in);
    assertError("steps: [read, {write: {}, length: {}}]\n", "step 2 must be one 'name: {parameters}' entry", in);
    assertError("steps:\n  - read: {}\n   - write: {}\n", "not valid YAML/JSON", in);
    assertError("steps:\n  - read: {}\n  - length: {signals_only: maybe}\n  - write: {}\n",
        "parameter must be true or false", in);
    var p = assertThrows(RecipeException.class, () -> Recipes.preset("ccnett"));
    assertTrue(p.getMessage().contains("did you mean 'ccnet'"), p.getMessage());
    var missing = assertThrows(java.nio.file.NoSuchFileException.class,
        () -> Recipes.resolve(tmp.resolve("absent.yaml").toString()));
    assertTrue(missing.getMessage().contains("absent.yaml"));
  }

  /** Issue #17 fuzz findings (recipe-yaml, seed 20261207): a key without a value, bytes that are not UTF-8. */
  @Test
  void parameterWithoutValueAndBrokenBytesAreNamedErrors() throws Exception {
    Path in = Files.writeString(tmp.resolve("in.jsonl"), "{\"text\": \"hello\"}\n");
    assertError("steps:\n  - read: {}\n  - perplexity: {models: wikitext2-en}\n"
        + "  - bucket: {cutoffs: wikitext2-en, keep}\n  - write: {layout: language_bucket}\n",
        "step 3: step 'bucket': parameter 'keep' has no value (its default is ", in);
    Path f = tmp.resolve("latin1.yaml");
    Files.write(f, "name: caf\u00e9\nsteps: [read, write]\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    var e = assertThrows(dev.llamakit.engine.io.TextFormatException.class, () -> Recipes.load(f));
    assertTrue(e.getMessage().startsWith(f + ":1: invalid UTF-8"), e.getMessage());
  }

  private void assertError(String yaml, String expected, Path input) throws Exception {
    Path f = Files.writeString(tmp.resolve("r" + Math.abs(yaml.hashCode()) + ".yaml"), yaml);
    var e = assertThrows(RecipeException.class,
        () -> new RecipeCompiler().compile(Recipes.load(f), RecipeCompiler.Inputs.of(input.toString()), 1));
    assertTrue(e.getMessage().startsWith(f.toString()), "names the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
