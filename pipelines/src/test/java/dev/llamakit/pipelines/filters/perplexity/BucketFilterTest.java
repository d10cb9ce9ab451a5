package dev.llamakit.pipelines.filters.perplexity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.FilterRegistry;
import dev.llamakit.pipelines.filters.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cc_net's PerplexityBucket on its own cutoff table, computed tables, and bad cutoff files. */
class BucketFilterTest {
  @TempDir Path tmp;

  static Document doc(String lang, Double perplexity) {
    Document d = Document.read("f#1", 1, "u", null, null, 1, 1, "x", "", "text", null);
    if (lang != null) {
      d = d.withLanguage(new Document.Language(lang, 0.9));
    }
    return perplexity == null ? d : d.withSignal("perplexity", perplexity);
  }

  @Test
  void ccNetCutoffsGiveCcNetBuckets() {
    BucketFilter b = (BucketFilter) FilterRegistry.standard().create("bucket", Map.of());
    // en: p30 = 340, p60 = 520 in cc_net's cutoff.csv (pipelines.md 1.7); de: 370 / 590
    assertEquals("head", b.bucket("en", 339.9));
    assertEquals("middle", b.bucket("en", 340.0));
    assertEquals("middle", b.bucket("en", 519.9));
    assertEquals("tail", b.bucket("en", 520.0));
    assertEquals("head", b.bucket("de", 369.0));
    assertEquals("tail", b.bucket("de", 590.0));
    assertEquals("all", b.bucket("xx", 10.0), "a language without cutoffs");
    assertEquals("all", b.bucket("en", Double.NaN), "no perplexity (no model for the language)");
    assertEquals("all", b.bucket(null, 10.0));
    Verdict v = b.apply(doc("en", 400.0));
    assertEquals("middle", v.changed().signals().get("bucket"));
    assertEquals("all", b.apply(doc("sw", null)).changed().signals().get("bucket"));
  }

  @Test
  void keepDropsOtherBucketsUnderANamedReason() {
    BucketFilter b = (BucketFilter) FilterRegistry.standard().create("bucket",
        Map.of("keep", List.of("head", "middle")));
    assertTrue(b.apply(doc("en", 100.0)).kept());
    Verdict tail = b.apply(doc("en", 900.0));
    assertEquals(BucketFilter.BUCKET_NOT_KEPT, tail.reason());
    assertEquals("en_tail (perplexity 900.0)", tail.detail());
    assertEquals(BucketFilter.BUCKET_NOT_KEPT, b.apply(doc("xx", null)).reason(), "'all' is not kept either");
    var e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("bucket", Map.of("keep", List.of("top"))));
    assertTrue(e.getMessage().contains("unknown bucket 'top'"), e.getMessage());
  }

  @Test
  void computedCutoffsRoundTripThroughCsv() throws IOException {
    List<Double> en = new java.util.ArrayList<>();
    for (int i = 1; i <= 101; i++) {
      en.add((double) i * 10);
    }
    Cutoffs c = Cutoffs.compute(Map.of("en", en));
    assertEquals(10.0, c.at("en", 0));
    assertEquals(310.0, c.at("en", 30));
    assertEquals(1010.0, c.at("en", 100));
    Cutoffs twoPoints = Cutoffs.compute(Map.of("fr", List.of(100.0, 200.0)));
    assertEquals(130.0, twoPoints.at("fr", 30), 1e-9);
    Path f = Files.writeString(tmp.resolve("cut.csv"), c.toCsv());
    assertEquals(c, Cutoffs.load(f.toString()));
    BucketFilter b = (BucketFilter) FilterRegistry.standard().create("bucket", Map.of("cutoffs", f.toString()));
    assertEquals("head", b.bucket("en", 300.0));
    assertEquals("tail", b.bucket("en", 700.0));
  }

  @Test
  void badCutoffFilesNameTheFileAndLine() throws IOException {
    Path notCsv = Files.writeString(tmp.resolve("bad.csv"), "lang,en\n0,1\n");
    var e1 = assertThrows(IOException.class, () -> Cutoffs.load(notCsv.toString()));
    assertTrue(e1.getMessage().startsWith(notCsv + ":1: not a cutoff.csv header"), e1.getMessage());
    StringBuilder sb = new StringBuilder(",en\n");
    for (int q = 0; q <= 99; q++) {
      sb.append(q).append(',').append(q == 57 ? "abc" : Integer.toString(q)).append('\n');
    }
    Path nan = Files.writeString(tmp.resolve("nan.csv"), sb.toString());
    var e2 = assertThrows(IOException.class, () -> Cutoffs.load(nan.toString()));
    assertTrue(e2.getMessage().startsWith(nan + ":59: not a number"), e2.getMessage());
    var e3 = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("bucket", Map.of("cutoffs", tmp.resolve("absent.csv").toString())));
    assertTrue(e3.getMessage().contains("absent.csv"), e3.getMessage());
  }
}
