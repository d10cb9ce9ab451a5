package dev.llamakit.safety.llamaguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.safety.policy.Category;
import dev.llamakit.safety.policy.Taxonomy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Table of real-world Llama Guard outputs and what {@link VerdictParser} makes of them. */
class VerdictParserTest {
  private final VerdictParser lg3 = new VerdictParser(Taxonomy.lg3());

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "safe", "\\n\\nsafe<|eot_id|>", "  SAFE  ", "safe\\n", "Safe.", "safe</s>"})
  void safeForms(String out) {
    assertInstanceOf(Verdict.Safe.class, lg3.parse(unescape(out)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "unsafe\\nS1,S3|S1,S3", "\\n\\nunsafe\\nS10</s>|S10", "unsafe \\nS1, S2|S1,S2", "unsafe\\nS1 S2|S1,S2",
      "UNSAFE\\ns9,s9|S9", "unsafe S14|S14", "unsafe\\n\\nS2,\\n|S2", "unsafe: S6.|S6"})
  void unsafeForms(String out, String codes) {
    Verdict v = lg3.parse(unescape(out));
    Verdict.Unsafe u = assertInstanceOf(Verdict.Unsafe.class, v);
    assertEquals(codes, String.join(",", u.categories().stream().map(Category::code).toList()));
    assertFalse(u.truncated());
  }

  @Test
  void unknownCodesAreKeptAsUnknownCategories() {
    Verdict.Unsafe u = assertInstanceOf(Verdict.Unsafe.class, lg3.parse("unsafe\nS1,S15"));
    assertEquals("Violent Crimes", u.categories().get(0).name());
    assertTrue(u.categories().get(1).isUnknown());
    assertEquals("S15", u.categories().get(1).code());
    // LG1 codes resolved through the LG1 taxonomy.
    Verdict.Unsafe o = assertInstanceOf(Verdict.Unsafe.class, new VerdictParser(Taxonomy.builtIn("lg1")).parse(" unsafe\nO3"));
    assertEquals("Criminal Planning", o.categories().getFirst().name());
  }

  @Test
  void truncatedUnsafeIsConservative() {
    Verdict.Unsafe u = assertInstanceOf(Verdict.Unsafe.class, lg3.parse("\n\nunsafe"));
    assertTrue(u.truncated());
    assertTrue(u.categories().isEmpty());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"''", "\\n\\n", "uns", "unsafety is a word", "I cannot answer", "safely done", "<|eot_id|>"})
  void malformed(String out) {
    assertInstanceOf(Verdict.Malformed.class, lg3.parse(unescape(out)));
  }

  private static String unescape(String s) { return s.replace("\\n", "\n"); }
}
