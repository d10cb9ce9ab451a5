package dev.llamakit.pipelines.decontam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Llama 2's token coverage and subsets on crafted items and a crafted corpus. */
class ContaminationReportTest {
  @TempDir Path tmp;

  static final String WORDS20 = "w01 w02 w03 w04 w05 w06 w07 w08 w09 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20";

  @Test
  void coverageCountsWordsInsideMatchesOfAtLeastN() throws Exception {
    List<BenchmarkItem> items = List.of(
        new BenchmarkItem("b", "whole", WORDS20),
        new BenchmarkItem("b", "half", "x01 x02 x03 x04 x05 x06 x07 x08 x09 x10"),
        new BenchmarkItem("b", "two-runs", "y01 y02 y03 y04 y05 y06 y07 y08 y09 y10"),
        new BenchmarkItem("b", "short", "z01 z02 z03"),
        new BenchmarkItem("c", "empty", "!!! ..."));
    ContaminationReport r = new ContaminationReport(NgramIndex.build(items, NgramRule.JANITOR, 4, 0));
    r.scan("Prefix text. W01 w02, W03 w04 w05 w06 w07 w08 w09 w10 w11 w12 w13 w14 w15 w16 w17 w18 w19 w20 end.");
    r.scan("other x01 x02 x03 x04 x05 words");                  // 5 words of 10: 50%
    r.scan("y01 y02 y03 y04 and y07 y08 y09 y10");              // two runs of 4: 80%
    r.scan("x05 x06 x07");                                       // 3 words < n: no match
    r.scan("z01 z02 z03 and more");                              // the item has fewer than n words
    List<ContaminationReport.ItemCoverage> c = r.coverage();
    assertEquals(5, r.documents());
    assertEquals(1.0, c.get(0).coverage());
    assertEquals(List.of("not-clean", "dirty"), c.get(0).subsets());
    assertEquals(5, c.get(1).covered());
    assertEquals(0.5, c.get(1).coverage());
    assertEquals(List.of("not-clean", "not-dirty"), c.get(1).subsets());
    assertEquals(8, c.get(2).covered());
    assertEquals(0.8, c.get(2).coverage());
    assertEquals(List.of("not-clean", "dirty"), c.get(2).subsets());
    assertEquals(0.0, c.get(3).coverage());
    assertEquals(List.of("clean", "not-dirty"), c.get(3).subsets());
    assertEquals(0, c.get(4).tokens());

    Path out = tmp.resolve("contamination.jsonl");
    ContaminationReport.writeJsonl(c, out);
    List<String> lines = Files.readAllLines(out);
    assertEquals("{\"benchmark\":\"b\",\"id\":\"half\",\"tokens\":10,\"covered\":5,\"coverage\":0.5,"
        + "\"subsets\":[\"not-clean\",\"not-dirty\"]}", lines.get(1));
    String table = ContaminationReport.summary(c);
    assertEquals("""
        benchmark           items    clean  not-clean  not-dirty    dirty  mean cov
        b                       4        1          3          2        2    57.50%
        c                       1        1          0          1        0     0.00%
        """, table);
  }

  @Test
  void subsetBoundariesAreLlama2s() {
    assertEquals(List.of("clean", "not-dirty"), LlamaSubset.of(0.1999));
    assertEquals(List.of("not-clean", "not-dirty"), LlamaSubset.of(0.2));
    assertEquals(List.of("not-clean", "not-dirty"), LlamaSubset.of(0.7999));
    assertEquals(List.of("not-clean", "dirty"), LlamaSubset.of(0.8));
    assertEquals(LlamaSubset.NOT_CLEAN, LlamaSubset.parse("not-clean"));
  }
}
