package dev.llamakit.pipelines.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeuristicRulesRegistryTest {
  private static final List<String> RULES =
      List.of("c4_lines", "c4_badwords", "gopher_quality", "gopher_repetition", "fineweb_quality");

  @Test
  void everyRuleOfTheTableBuildsWithDefaults() {
    FilterRegistry r = FilterRegistry.standard();
    assertTrue(r.names().containsAll(RULES), r.names().toString());
    for (String name : RULES) {
      DocumentFilter f = r.create(name, Map.of());
      assertNotNull(f, name);
      assertNotNull(f.apply(Docs.of("Some text.")), name);
      assertTrue(!r.defaults(name).isEmpty(), name);
    }
  }

  @Test
  void wrongParametersGiveAClearError() {
    FilterRegistry r = FilterRegistry.standard();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> r.create("gopher_quality", Map.of("min_word", 10)));
    assertTrue(e.getMessage().contains("unknown parameter 'min_word'") && e.getMessage().contains("min_words"),
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.create("c4_lines", Map.of("min_words_per_line", "five")));
    assertTrue(e.getMessage().contains("'min_words_per_line' must be a whole number"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> r.create("gopher_repetition", Map.of("ngram_method", "nemo")));
    assertEquals("step 'gopher_repetition': ngram_method must be 'paper' or 'datatrove', not 'nemo'", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.create("c4_badwords", Map.of("language", "xx")));
    assertTrue(e.getMessage().startsWith("step 'c4_badwords': no bad-words list for language 'xx'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> r.create("fineweb_quality", Map.of("words", "nltk")));
    assertTrue(e.getMessage().contains("words must be 'punctuation' or 'whitespace'"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> r.create("gopher_quality", Map.of("word_length_statistic", "mode")));
    assertTrue(e.getMessage().contains("'mean' or 'median'"), e.getMessage());
  }
}
