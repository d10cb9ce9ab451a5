package dev.llamakit.cli.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The recipe commands' argument parsing and a real run of `pipeline run` on the DirectRunner. */
class RecipeCommandsTest {
  @TempDir Path tmp;

  @Test
  void runTakesTheRecipeThenItsInputs() {
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs("llama-cc", "a.wet.gz", "b/", "--set", "language.threshold=0.7", "-o", "out",
        "--signals-only");
    assertEquals("llama-cc", run.recipe);
    assertEquals(List.of("a.wet.gz", "b/"), run.inputs);
    assertEquals(List.of("language.threshold=0.7"), run.job.overrides);
    assertTrue(run.job.signalsOnly);
    CcNetCommand ccnet = new CcNetCommand();
    new CommandLine(ccnet).parseArgs("x.wet.gz", "--languages", "en,fr", "--min-length", "200");
    assertEquals(List.of("x.wet.gz"), ccnet.inputs);
    assertEquals(List.of("en", "fr"), ccnet.languages);
    assertEquals(200, ccnet.minLength);
  }

  @Test
  void runsARecipeFileOnTheDirectRunnerSignalsOnly() throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path recipe = Files.writeString(tmp.resolve("r.yaml"), """
        name: t
        steps:
          - read: {}
          - language: {model: %s, languages: [fr]}
          - gopher_quality: {}
          - write: {layout: single}
        """.formatted(lid));
    Path in = Files.writeString(tmp.resolve("docs.jsonl"),
        "{\"text\": \"This English sentence is long enough to be identified as English by the model, surely.\"}\n");
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new RunCommand());
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(recipe.toString(), in.toString(), "-o", tmp.resolve("out").toString(), "--runner",
        "direct", "--signals-only");
    assertEquals(0, code, err.toString());
    String report = Files.readString(tmp.resolve("out/report.json"));
    assertTrue(report.contains("\"LANGUAGE_NOT_SELECTED\" : 1"), report);
    assertTrue(report.contains("\"GOPHER_TOO_FEW_WORDS\" : 1"), report);
    assertTrue(report.contains("\"written\" : 1"), report);
  }

  /** The engine feeding the pipeline: lm_perplexity with a real Llama GGUF in a recipe, on the DirectRunner. */
  @Test
  void engineScoredPerplexityInARecipe() throws Exception {
    Path model = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path recipe = Files.writeString(tmp.resolve("lm.yaml"), """
        steps:
          - read: {}
          - lm_perplexity: {model: %s, max_tokens: 64, max_perplexity: 1000}
          - write: {layout: single}
        """.formatted(model));
    Path in = Files.writeString(tmp.resolve("docs.jsonl"),
        "{\"id\": \"story\", \"text\": \"Once upon a time, there was a little girl named Lily. She liked to play.\"}\n"
        + "{\"id\": \"noise\", \"text\": \"qzx vbn 7#k@ wpl 99 zzq xj jjk qqq ffv mmz 0x3 kkp\"}\n");
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new RunCommand());
    cmd.setErr(new PrintWriter(err));
    int code = cmd.execute(recipe.toString(), in.toString(), "-o", tmp.resolve("out").toString(), "--runner",
        "direct");
    assertEquals(0, code, err.toString());
    String report = Files.readString(tmp.resolve("out/report.json"));
    assertTrue(report.contains("\"LM_PERPLEXITY_TOO_HIGH\" : 1"), report);
    assertTrue(report.contains("\"written\" : 1"), report);
  }
}
