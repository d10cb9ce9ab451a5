package dev.llamakit.pipelines.filters.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.pipelines.decontam.BenchmarkFormatException;
import dev.llamakit.pipelines.filters.Docs;
import dev.llamakit.pipelines.filters.FilterChain;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.FilterStep;
import dev.llamakit.pipelines.filters.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decontaminate step: drop, tag, janitor cut, datatrove's rule, the frequency cap, the shared benchmarks. */
class DecontaminateFilterTest {
  @TempDir Path tmp;

  static final String Q1 = "A robe takes 2 bolts of blue fiber and half that much white fiber. How many bolts in total "
      + "does it take?";
  static final String Q2 = "Carla is downloading a 200 GB file. Normally she can download 2 GB/minute, but 40% of the "
      + "way through the download, Windows forces a restart to install updates.";
  static final String FILLER = "The weather was mild and the market stayed open until late in the evening. ";

  Path benchmark() throws Exception {
    Path f = tmp.resolve("mine.jsonl");
    Files.writeString(f, "{\"id\": \"robe\", \"question\": \"" + Q1 + "\"}\n{\"question\": \"" + Q2 + "\"}\n");
    return f;
  }

  DecontaminateFilter filter(Map<String, Object> params) throws Exception {
    DecontaminateFilter f = (DecontaminateFilter) FilterRegistry.standard().create("decontaminate", params);
    f.open();
    return f;
  }

  @Test
  void dropsADocumentSharingAThirteenGram() throws Exception {
    DecontaminateFilter f = filter(Map.of("benchmarks", List.of("mine=" + benchmark())));
    Verdict v = f.apply(Docs.of(FILLER + "Question: a robe TAKES 2 bolts of blue fiber, and half that much white "
        + "fiber! " + FILLER));
    assertEquals(DecontaminateFilter.CONTAMINATED, v.reason());
    assertEquals("13-gram 'a robe takes 2 bolts of blue fiber and half that much white' of mine:robe; 2 n-grams "
        + "matched, 1 items", v.detail());
    assertEquals(List.of("mine:robe"), v.signals().get(DecontaminateFilter.ITEMS));
    assertEquals(2L, v.signals().get(DecontaminateFilter.NGRAMS));   // 14 shared words
    assertTrue(f.apply(Docs.of(FILLER + "a robe takes 2 bolts of blue fiber and half that much " + FILLER)).kept(),
        "12 shared words are not a 13-gram");
    assertTrue(f.apply(Docs.of(Q2.substring(0, 60))).kept());
    Verdict both = f.apply(Docs.of(Q2 + "\n" + Q1));
    assertEquals(List.of("mine:robe", "mine:1"), both.signals().get(DecontaminateFilter.ITEMS));
    assertEquals(26L, both.signals().get(DecontaminateFilter.NGRAMS));   // 16 of Q2's 28 words + 10 of Q1's 22
  }

  @Test
  void signalsOnlyTagsInstead() throws Exception {
    FilterChain chain = new FilterChain(List.of(new FilterStep("decontaminate",
        filter(Map.of("benchmarks", List.of("mine=" + benchmark()))), true, true)));
    FilterChain.Outcome o = chain.apply(Docs.of(Q1));
    assertNull(o.drop());
    assertEquals(List.of("CONTAMINATED"), o.kept().signals().get(FilterChain.WOULD_DROP));
    assertEquals(List.of("mine:robe"), o.kept().signals().get(DecontaminateFilter.ITEMS));
  }

  @Test
  void cutRemovesTheMatchWithItsWindows() throws Exception {
    DecontaminateFilter f = filter(Map.of("benchmarks", List.of("mine=" + benchmark()), "action", "cut"));
    String left = FILLER.repeat(6);    // 450 characters
    String right = FILLER.repeat(8);   // 600 characters
    Verdict v = f.apply(Docs.of(left + Q1 + " " + right));
    assertTrue(v.kept());
    String content = v.changed().rawContent();
    // 10 matched 13-grams from offset 450 (the janitor's spans: (450, 508) .. (489, 553)); pieces: [0, 250) and
    // what follows 200 characters past the last match's end
    int lastEnd = left.length() + Q1.length() - 1;
    String tail = (left + Q1 + " " + right).substring(lastEnd + 200 + 1);
    assertEquals(553, lastEnd);
    assertEquals(left.substring(0, 250) + "\n" + tail, content);
    assertEquals(401, tail.length());
    assertEquals(content.length(), v.changed().length());
    assertEquals(2, v.changed().nlines());
    assertEquals(10L, v.signals().get(DecontaminateFilter.NGRAMS));

    Verdict dirty = filter(Map.of("benchmarks", List.of("mine=" + benchmark()), "action", "cut", "too_dirty", 5))
        .apply(Docs.of(left + Q1 + " " + right));
    assertEquals(DecontaminateFilter.CONTAMINATED, dirty.reason());
    assertTrue(dirty.detail().startsWith("too dirty"), dirty.detail());
    Verdict nothing = f.apply(Docs.of(Q1));
    assertTrue(nothing.detail().startsWith("nothing left after cutting"), nothing.detail());
  }

  @Test
  void datatroveRuleUsesTwelveGramsAndSimplifiedText() throws Exception {
    DecontaminateFilter f = filter(Map.of("benchmarks", List.of("mine=" + benchmark()), "rule", "datatrove"));
    // digits become 0 on both sides, accents go: a different number and an accent still match
    Verdict v = f.apply(Docs.of("Carla is downloading a 350 GB file. Nórmally she can download 2 GB/minute"));
    assertEquals(DecontaminateFilter.CONTAMINATED, v.reason());
    assertTrue(v.detail().startsWith("12-gram 'carla is downloading a 0 gb file normally she can download 0'"),
        v.detail());
  }

  @Test
  void ngramsSharedByManyItemsAreIgnored() throws Exception {
    Path f = tmp.resolve("common.jsonl");
    StringBuilder sb = new StringBuilder();
    String common = "which of the following statements about the passage above is most likely true";
    for (int i = 0; i < 4; i++) {
      sb.append("{\"question\": \"").append(common).append(" item ").append(i).append("\"}\n");
    }
    Files.writeString(f, sb);
    String doc = "Reader question: " + common + " today";
    assertTrue(filter(Map.of("benchmarks", List.of("c=" + f), "max_item_frequency", 3)).apply(Docs.of(doc)).kept());
    assertEquals(DecontaminateFilter.CONTAMINATED,
        filter(Map.of("benchmarks", List.of("c=" + f), "max_item_frequency", 4)).apply(Docs.of(doc)).reason());
  }

  @Test
  void badParametersAndFilesFailWhenTheRecipeIsBuilt() throws Exception {
    Path bad = tmp.resolve("bad.jsonl");
    Files.writeString(bad, "{\"question\": \"ok\"}\n{\"question\": 3}\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("decontaminate", Map.of("benchmarks", List.of("x=" + bad))));
    assertEquals("step 'decontaminate': " + bad.toAbsolutePath() + ":2: field 'question' is missing or not a string",
        e.getMessage());
    assertTrue(e.getCause() instanceof BenchmarkFormatException);
    IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> FilterRegistry.standard()
        .create("decontaminate", Map.of("benchmarks", List.of("mine=" + benchmark()), "action", "remove")));
    assertEquals("step 'decontaminate': action must be drop or cut, not 'remove'", a.getMessage());
  }

  @Test
  void sharedBenchmarksCatchAGsm8kQuestion() throws Exception {
    Path data = SharedFiles.require("data/benchmarks");
    DecontaminateFilter f = filter(Map.of("data", data.toString()));
    String janet = "Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins "
        + "for her friends every day with four.";
    Verdict v = f.apply(Docs.of("Forum post\n" + janet + "\nAny ideas how to solve this?"));
    assertEquals(DecontaminateFilter.CONTAMINATED, v.reason());
    assertEquals(List.of("gsm8k:test/0"), v.signals().get(DecontaminateFilter.ITEMS));
    String mmlu = "Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over";
    assertTrue(f.apply(Docs.of(mmlu)).kept(), "12 words: shorter than a 13-gram");
    assertEquals(List.of("mmlu:test/abstract_algebra/0"), f.apply(Docs.of(mmlu + " Q.\n0")).signals()
        .get(DecontaminateFilter.ITEMS));
    assertTrue(f.apply(Docs.of(FILLER.repeat(20))).kept());
  }
}
