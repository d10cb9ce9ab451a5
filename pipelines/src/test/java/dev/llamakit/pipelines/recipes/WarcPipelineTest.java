package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.io.WarcReader;
import dev.llamakit.pipelines.report.RunReport;
import dev.llamakit.pipelines.sample.LanguagePool;
import dev.llamakit.pipelines.sample.WarcCorpusGenerator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * WARC input through the web recipes: generated WARC files (request, response and metadata records; gzip- and
 * chunk-coded responses) are found by {@code format: auto}, and every web preset reads them with accounting holding;
 * ccnet end to end on the DirectRunner, the embedded Flink runner and the plain loop writes the same shards.
 */
class WarcPipelineTest {
  @TempDir Path tmp;

  private Path corpus() throws Exception {
    Path dir = tmp.resolve("in");
    new WarcCorpusGenerator(LanguagePool.all(), 7).write(dir, "crawl", 40, 2, 8000);
    return dir;
  }

  private static Recipe withModels(Recipe r) {
    if (r.step("language") != null) {
      r = r.with("language", "model", SharedFiles.require("models/fasttext/lid.176.ftz").toString());
    }
    return r.with("write", "shards", 1);
  }

  @Test
  void ccnetOnWarcDirectFlinkAndLoopAgree() throws Exception {
    Path in = corpus();
    CompiledRecipe c = new RecipeCompiler().compile(withModels(Recipes.preset("ccnet")),
        RecipeCompiler.Inputs.of(in.toString()), 2);
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));
    assertEquals(40, direct.read(), "one document or drop per response record");
    assertTrue(direct.accountingHolds() && flink.accountingHolds());
    assertTrue(direct.written() > 0, "ccnet keeps pages of WARC input");
    assertEquals(direct.dropsByReason(), flink.dropsByReason());
    List<String> d = sorted(CcNetPipelineTest.shardLines(tmp.resolve("direct")));
    assertEquals(d, sorted(CcNetPipelineTest.shardLines(tmp.resolve("flink"))), "Flink = Direct");
    assertEquals(d, sorted(CcNetPipelineTest.shardLines(tmp.resolve("loop"))), "plain loop = Direct");
    assertTrue(d.getFirst().contains("\"url\":\"http://site"), d.getFirst());
    assertTrue(d.stream().noneMatch(l -> l.contains("cookie policy") || l.contains("Most read")),
        "boilerplate removed before ccnet sees the text");
  }

  @ParameterizedTest
  @ValueSource(strings = {"llama-cc", "c4", "gopher", "fineweb"})
  void everyWebPresetReadsWarc(String preset) throws Exception {
    Path in = corpus();
    CompiledRecipe c = new RecipeCompiler().compile(withModels(Recipes.preset(preset)),
        RecipeCompiler.Inputs.of(in.toString()), 2);
    RunReport r = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("out"), false, System.err);
    assertEquals(40, r.read(), preset);
    assertTrue(r.accountingHolds(), preset);
  }

  @Test
  void warcWithoutPagesExplainsTheEmptyOutput() throws Exception {
    Path in = tmp.resolve("wet-as-warc");
    Files.createDirectories(in);
    Files.copy(Path.of("..", "samples", "ccnet", "whirlwind.warc.wet.gz"), in.resolve("x.warc.wet.gz"));
    Recipe r = Recipes.preset("ccnet").with("read", "format", "warc");
    CompiledRecipe c = new RecipeCompiler().compile(withModels(r), RecipeCompiler.Inputs.of(in.toString()), 1);
    RunReport report = new RecipeJob(c, Runner.DIRECT, 1, null, List.of()).run(tmp.resolve("o"), false, System.err);
    assertEquals(0, report.written());
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    report.print(new PrintStream(b, true, StandardCharsets.UTF_8));
    String s = b.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("0 documents written: " + report.dropsByReason().get(WarcReader.WET_RECORD_IN_WARC.name())
        + " of " + report.read() + " records were dropped as " + WarcReader.WET_RECORD_IN_WARC), s);
  }

  private static List<String> sorted(List<String> lines) {
    List<String> l = new ArrayList<>(lines);
    Collections.sort(l);
    return l;
  }
}
