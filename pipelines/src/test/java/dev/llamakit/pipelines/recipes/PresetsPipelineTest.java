package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every preset recipe on one file of the bundled sample corpus (~500 generated multilingual pages; stackexchange on
 * the coffee site's Posts.xml in ../shared): the DirectRunner and the embedded Flink
 * runner write exactly the same documents (and the same drops), the plain loop writes the same documents, and
 * accounting holds with every rule's drops in the report.
 */
class PresetsPipelineTest {
  @TempDir Path tmp;

  static List<String> presets() {
    // presets of sources that are not web pages run on their own formats' fixtures in TextSourcesPipelineTest
    return Recipes.presets().stream().filter(p -> !OWN_INPUT.contains(p)).toList();
  }

  static final java.util.Set<String> OWN_INPUT = java.util.Set.of("arxiv", "wikipedia");

  @ParameterizedTest
  @MethodSource("presets")
  void directFlinkAndPlainLoopAgree(String preset) throws Exception {
    Path lid = SharedFiles.require("models/fasttext/lid.176.ftz");
    Path wet = Path.of("..", "samples", "ccnet", "multilingual-00000.warc.wet.gz"); // surefire runs in pipelines/
    assertTrue(Files.isRegularFile(wet), "the bundled sample corpus is in the repository");
    Recipe r = Recipes.preset(preset).with("write", "shards", 1);
    if (r.step("language") != null) {
      r = r.with("language", "model", lid.toString());
    }
    if (r.step("dedup_books") != null) {
      // the sample's generated pages quote the same real sentences, so every shingle pairs many pages (books are
      // not web pages); a small cap keeps the three runs of this test short and still exercises every shuffle
      r = r.with("dedup_books", "max_documents_per_shingle", 8);
    }
    String input = wet.toString();
    if (preset.equals("stackexchange")) {
      input = SharedFiles.require("data/web/stackexchange-coffee/Posts.xml").toString();
    } else if ("github".equals(r.step("read").params().get("format"))) {
      input = GithubFixtures.jsonl(tmp.resolve("in/files.jsonl")).toString(); // source files, not web pages
    }
    CompiledRecipe c = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(input), 2);
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));

    assertTrue(direct.accountingHolds() && flink.accountingHolds(), preset);
    assertTrue(direct.written() > 0, preset + " writes something");
    assertEquals(direct.dropsByReason(), flink.dropsByReason(), preset);
    List<String> d = sorted(CcNetPipelineTest.shardLines(tmp.resolve("direct")));
    assertEquals(d, sorted(CcNetPipelineTest.shardLines(tmp.resolve("flink"))), preset + ": Flink = Direct");
    assertEquals(d, sorted(CcNetPipelineTest.shardLines(tmp.resolve("loop"))), preset + ": plain loop = Direct");
    assertEquals(sorted(CcNetPipelineTest.dropLines(tmp.resolve("direct"))),
        sorted(CcNetPipelineTest.dropLines(tmp.resolve("flink"))), preset + ": same drops");
    assertEquals(direct.read(), loop.read());
    assertEquals(direct.written(), loop.written());
  }

  private static List<String> sorted(List<String> lines) {
    List<String> l = new ArrayList<>(lines);
    Collections.sort(l);
    return l;
  }
}
