package dev.llamakit.pipelines.recipes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.bench.PlainLoop;
import dev.llamakit.pipelines.report.RunReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The text sources' presets (books, arxiv, wikipedia) on hand-made inputs of their own formats: the DirectRunner, the
 * embedded Flink runner and the plain loop write the same documents and drops, and accounting holds.
 */
class TextSourcesPipelineTest {
  @TempDir Path tmp;

  static final String BODY_A = String.join("\n", "CHAPTER I.", "",
      "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want "
          + "of a wife. However little known the feelings or views of such a man may be on his first entering a "
          + "neighbourhood, this truth is so well fixed in the minds of the surrounding families.", "",
      "CHAPTER II.", "",
      "Mr. Bennet was among the earliest of those who waited on Mr. Bingley. He had always intended to visit him, "
          + "though to the last always assuring his wife that he should not go; and till the evening after the visit "
          + "was paid she had no knowledge of it.");
  static final String BODY_B = String.join("\n", "Chapter 1", "",
      "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, and "
          + "nothing particular to interest me on shore, I thought I would sail about a little and see the watery "
          + "part of the world.");

  static String gutenberg(String id, String title, String body) {
    return "The Project Gutenberg eBook of " + title + "\r\n\r\nTitle: " + title + "\r\n\r\nAuthor: Someone\r\n\r\n"
        + "Release date: 1998 [eBook #" + id + "]\r\n\r\n*** START OF THE PROJECT GUTENBERG EBOOK " + title
        + " ***\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n\r\n*** END OF THE PROJECT GUTENBERG EBOOK " + title
        + " ***\r\nSection 1. General Terms of Use and Redistributing Project Gutenberg-tm electronic works\r\n";
  }

  @Test
  void books() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("pg1342.txt"), gutenberg("1342", "Pride and Prejudice", BODY_A), StandardCharsets.UTF_8);
    // the same book again under another number: the same body once the header goes
    Files.writeString(in.resolve("pg42671.txt"), gutenberg("42671", "Pride & Prejudice", BODY_A), StandardCharsets.UTF_8);
    // an excerpt of it (the first chapter): more than 90% of its words are shared with the longer book
    Files.writeString(in.resolve("excerpt.txt"), BODY_A.substring(0, BODY_A.indexOf("CHAPTER II.")));
    Files.writeString(in.resolve("pg2701.txt"), gutenberg("2701", "Moby Dick", BODY_B));
    RunReport r = runAll("books", in);
    assertEquals(4, r.read());
    assertEquals(2, r.written());
    assertEquals(Map.of("EXACT_DUPLICATE", 1L, "BOOK_OVERLAP", 1L), r.dropsByReason());
    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertTrue(shards.stream().anyMatch(l -> l.contains("\"gutenberg_id\":\"1342\"")
        && l.contains("\"book_title\":\"Pride and Prejudice\"") && !l.contains("START OF")), shards.toString());
  }

  @Test
  void arxiv() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    String main = "\\documentclass{article}\n\\newcommand{\\R}{\\mathbb{R}}\n\\begin{document}\n\\maketitle\n"
        + "\\input{intro}\n\\bibliography{refs}\n\\end{document}\n";
    Map<String, Object> two = new java.util.LinkedHashMap<>();
    two.put("2101.00001/main.tex", main);
    two.put("2101.00001/intro.tex", "\\section{Introduction}\nWe work over $\\R$. % TODO cite\n");
    two.put("2101.00002/ms.tex", "\\documentclass{article}\\begin{document}Only an abstract.\\end{document}");
    Files.write(in.resolve("batch.tar.gz"), dev.llamakit.pipelines.io.formats.LatexFormatTestAccess.tar(two, true));
    Files.writeString(in.resolve("2101.00003.tex"), "\\documentclass{article}\\begin{document}\n\\section{A}\n"
        + "\\def\\x{\\x\\x}\\x\n\\end{document}");
    Files.write(in.resolve("evil.tar"), dev.llamakit.pipelines.io.formats.LatexFormatTestAccess.tar(
        Map.of("../../etc/cron.tex", "x"), false));
    RunReport r = runAll("arxiv", in);
    assertEquals(4, r.read());
    assertEquals(1, r.written());
    assertEquals(Map.of("LATEX_NO_SECTION", 1L, "LATEX_MACRO_LOOP", 1L, "UNSAFE_ARCHIVE_PATH", 1L), r.dropsByReason());
    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertTrue(shards.get(0).contains("\"raw_content\":\"\\\\section{Introduction}\\nWe work over $\\\\mathbb{R}$.\""),
        shards.get(0));
    assertTrue(shards.get(0).contains("\"arxiv_id\":\"2101.00001\""), shards.get(0));
  }

  @Test
  void wikipedia() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    byte[] en;
    try (var r = TextSourcesPipelineTest.class.getResourceAsStream("/dev/llamakit/pipelines/io/formats/"
        + "tiny-pages-articles.xml")) {
      en = r.readAllBytes();
    }
    Files.write(in.resolve("enwiki-20230320-pages-articles.xml"), en);
    Files.write(in.resolve("jawiki-20230320-pages-articles.xml"), new String(en, StandardCharsets.UTF_8)
        .replace("<dbname>enwiki</dbname>", "<dbname>jawiki</dbname>").getBytes(StandardCharsets.UTF_8));
    RunReport r = runAll("wikipedia", in);
    assertEquals(12, r.read());
    assertEquals(2, r.written());
    assertEquals(Map.of("WIKIPEDIA_REDIRECT", 4L, "WIKIPEDIA_OTHER_NAMESPACE", 2L, "WIKIPEDIA_LANGUAGE_NOT_SELECTED", 3L,
        "WIKITEXT_EMPTY", 1L), r.dropsByReason());
    List<String> shards = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertTrue(shards.stream().anyMatch(l -> l.contains("\"raw_content\":\"The alpaca is related to the llamas.\"")
        && l.contains("\"wiki_page_id\":\"36901\"")), shards.toString());
  }

  /** Runs a preset on {@code input} three ways, checks they agree and accounting holds; returns the Direct report. */
  RunReport runAll(String preset, Path input) throws Exception {
    return runAll(Recipes.preset(preset), input);
  }

  RunReport runAll(Recipe preset, Path input) throws Exception {
    Recipe r = preset.with("write", "shards", 1);
    CompiledRecipe c = new RecipeCompiler().compile(r, RecipeCompiler.Inputs.of(input.toString()), 2);
    RunReport direct = new RecipeJob(c, Runner.DIRECT, 2, null, List.of()).run(tmp.resolve("direct"), false, System.err);
    RunReport flink = new RecipeJob(c, Runner.FLINK, 2, null, List.of()).run(tmp.resolve("flink"), false, System.err);
    PlainLoop.Result loop = PlainLoop.run(c, tmp.resolve("loop"));
    assertTrue(direct.accountingHolds() && flink.accountingHolds(), preset.name());
    assertEquals(direct.dropsByReason(), flink.dropsByReason());
    List<String> d = CcNetPipelineTest.shardLines(tmp.resolve("direct"));
    assertEquals(d, CcNetPipelineTest.shardLines(tmp.resolve("flink")), "Flink = Direct");
    assertEquals(d, CcNetPipelineTest.shardLines(tmp.resolve("loop")), "plain loop = Direct");
    assertEquals(direct.read(), loop.read());
    assertEquals(direct.written(), loop.written());
    return direct;
  }
}
