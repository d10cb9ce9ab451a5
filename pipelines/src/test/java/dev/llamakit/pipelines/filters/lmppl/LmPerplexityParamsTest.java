package dev.llamakit.pipelines.filters.lmppl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.pipelines.doc.Document;
import dev.llamakit.pipelines.filters.FilterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameter checks on the driver; none needs a model. */
class LmPerplexityParamsTest {
  @TempDir Path dir;

  @Test
  void absentModelIsAnErrorNamingTheFile() {
    String missing = dir.resolve("nope/model.gguf").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("lm_perplexity", Map.of("model", missing)));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    assertTrue(e.getMessage().startsWith("step 'lm_perplexity'"), e.getMessage());
  }

  @Test
  void modelIsRequired() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("lm_perplexity", Map.of()));
    assertTrue(e.getMessage().contains("'model' is required"), e.getMessage());
  }

  @Test
  void aFileThatIsNotGgufIsRejected() throws Exception {
    Path f = Files.writeString(dir.resolve("model.gguf"), "not a model");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilterRegistry.standard().create("lm_perplexity", Map.of("model", f.toString())));
    assertTrue(e.getMessage().contains("is not a GGUF file"), e.getMessage());
  }

  @Test
  void badNumbersAreRejected() throws Exception {
    Path f = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
    FilterRegistry r = FilterRegistry.standard();
    for (Map<String, Object> bad : java.util.List.<Map<String, Object>>of(Map.of("max_tokens", 0),
        Map.of("batch", 0), Map.of("threads", -1), Map.of("max_perplexity", 0.5), Map.of("field", " "))) {
      Map<String, Object> p = new java.util.HashMap<>(bad);
      p.put("model", f.toString());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.create("lm_perplexity", p));
      String key = bad.keySet().iterator().next();
      assertTrue(e.getMessage().contains(key), key + ": " + e.getMessage());
    }
  }

  @Test
  void defaultsAreListed() {
    Map<String, Object> d = FilterRegistry.standard().defaults("lm_perplexity");
    assertEquals(512, d.get("max_tokens"));
    assertEquals(1, d.get("threads"));
    assertEquals("lm_perplexity", d.get("field"));
    assertTrue(d.containsKey("max_perplexity") && d.get("max_perplexity") == null, d.toString());
  }

  @Test
  void applyBeforeOpenSaysSo() throws Exception {
    Path f = Files.write(dir.resolve("m.gguf"), new byte[] {'G', 'G', 'U', 'F', 3, 0, 0, 0});
    LmPerplexityFilter.Params p = new LmPerplexityFilter.Params();
    p.model = f.toString();
    LmPerplexityFilter rule = new LmPerplexityFilter(p);
    Document d = Document.read("d", 0, "u", null, null, 4, 1, null, null, "text", null);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> rule.apply(d));
    assertTrue(e.getMessage().contains("open()"), e.getMessage());
  }

  @Test
  void perplexityOfAScore() {
    assertEquals(Math.E, new LmScore(-3, 3).perplexity(), 1e-15);
    assertEquals(1.0, new LmScore(-3, 3).meanNll(), 1e-15);
    assertTrue(Double.isNaN(new LmScore(0, 0).perplexity()));
  }
}
