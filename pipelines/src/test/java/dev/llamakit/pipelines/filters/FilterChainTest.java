package dev.llamakit.pipelines.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.doc.DropReason;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chain's routing rules, signals-only mode, signal emission, and the registry's errors. */
class FilterChainTest {
  static final DropReason ODD = DropReason.of("TEST_ODD_LENGTH");

  /** Drops documents of odd length; always reports the length. */
  static final class OddLength implements DocumentFilter {
    @Override
    public Verdict apply(Document d) {
      int n = d.rawContent().length();
      Verdict v = n % 2 == 1 ? Verdict.drop(ODD, n + " is odd") : Verdict.keep();
      return v.signal("test_length", (long) n);
    }
  }

  /** Upper-cases the content. */
  static final class Upper implements DocumentFilter {
    @Override
    public Verdict apply(Document d) {
      String u = d.rawContent().toUpperCase();
      return Verdict.keep(d.withContent(u, d.nlines(), u.length()));
    }
  }

  static Document doc(String content) {
    return Document.read("f#1", 1, "http://x/", null, null, content.length(), 1, "x", "", content, null);
  }

  @Test
  void firstDropEndsTheChainAndNamesTheDocument() {
    FilterChain c = new FilterChain(List.of(FilterStep.of("odd", new OddLength()), FilterStep.of("up", new Upper())));
    FilterChain.Outcome o = c.apply(doc("abc"));
    assertNull(o.kept());
    assertEquals(ODD, o.drop().reason());
    assertEquals("f#1", o.drop().id());
    assertEquals("3 is odd", o.drop().detail());
    FilterChain.Outcome k = c.apply(doc("ab"));
    assertEquals("AB", k.kept().rawContent());
    assertTrue(k.kept().signals().isEmpty(), "signals are attached only when asked");
  }

  @Test
  void signalsOnlyKeepsAndRecordsWhatItWouldHaveDropped() {
    FilterChain c = new FilterChain(List.of(new FilterStep("odd", new OddLength(), true, true),
        FilterStep.of("up", new Upper())));
    FilterChain.Outcome o = c.apply(doc("abc"));
    assertNull(o.drop());
    assertEquals("ABC", o.kept().rawContent());
    assertEquals(List.of("TEST_ODD_LENGTH"), o.kept().signals().get(FilterChain.WOULD_DROP));
    assertEquals(3L, o.kept().signals().get("test_length"));
    assertEquals(List.of(ODD), o.wouldDrop());
  }

  @Test
  void registryBindsDefaultsAndRejectsUnknownOrMistypedParameters() {
    FilterRegistry r = FilterRegistry.standard();
    assertEquals(300, r.defaults("length").get("min_length"));
    DocumentFilter f = r.create("length", Map.of("min_length", 5));
    assertEquals(DropReason.TOO_SHORT, f.apply(doc("abcd")).reason());
    assertTrue(f.apply(doc("abcde")).kept());
    var unknown = assertThrows(IllegalArgumentException.class, () -> r.create("length", Map.of("min_lenght", 5)));
    assertTrue(unknown.getMessage().contains("unknown parameter 'min_lenght' (did you mean 'min_length'?)"),
        unknown.getMessage());
    var typed = assertThrows(IllegalArgumentException.class, () -> r.create("length", Map.of("min_length", "ten")));
    assertTrue(typed.getMessage().contains("'min_length' must be a whole number, not 'ten'"), typed.getMessage());
    var step = assertThrows(IllegalArgumentException.class, () -> r.create("lenght", Map.of()));
    assertTrue(step.getMessage().contains("unknown step 'lenght' (did you mean 'length'?)"), step.getMessage());
    var invalid = assertThrows(IllegalArgumentException.class,
        () -> r.create("length", Map.of("min_length", 10, "max_length", 5)));
    assertTrue(invalid.getMessage().startsWith("step 'length': need 0 <= min_length <= max_length"),
        invalid.getMessage());
  }

  @Test
  void everyRegisteredRuleBuildsFromItsDefaults() {
    FilterRegistry r = FilterRegistry.standard();
    // these name a file the user must give (perplexity: models, lm_perplexity: model, decontaminate: the benchmark
    // folder) or fetch one into the model cache (language); each has its own tests
    java.util.Set<String> needFiles = java.util.Set.of("language", "perplexity", "lm_perplexity", "decontaminate");
    for (String name : r.names()) {
      if (!needFiles.contains(name)) {
        DocumentFilter f = r.create(name, Map.of());
        // every rule travels to the workers inside the Beam step
        assertTrue(org.apache.beam.sdk.util.SerializableUtils.clone(f) != null, name + " is serializable");
      }
    }
    assertTrue(r.names().containsAll(List.of("length", "language", "perplexity", "bucket", "c4_lines", "c4_badwords",
        "gopher_quality", "gopher_repetition", "fineweb_quality", "quality_classifier", "lm_perplexity", "safety")));
  }
}
