package dev.llamakit.pipelines.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.pipelines.sentencepiece.KenlmGoldens;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PerplexityNormalizerTest {

  /** {@code normalized} of all 202 golden records, made with cc_net's own normaliser (Python 3.11, Unicode 14). */
  @Test
  void matchesCcNetOnAllGoldens() {
    List<KenlmGoldens.Record> records = KenlmGoldens.records();
    List<String> wrong = new ArrayList<>();
    for (KenlmGoldens.Record r : records) {
      String got = PerplexityNormalizer.normalize(r.raw());
      if (!got.equals(r.normalized())) {
        wrong.add(r.id() + ": expected <" + r.normalized() + "> got <" + got + ">");
      }
    }
    assertEquals(202, records.size());
    assertEquals(List.of(), wrong);
  }

  /** The UTF-8 fast path is {@code normalize(text).getBytes(UTF_8)} on goldens and on generated mixed-script text. */
  @Test
  void utf8FormEqualsTheEncodedString() {
    List<String> raws = new ArrayList<>();
    KenlmGoldens.records().forEach(r -> raws.add(r.raw()));
    List<String> texts = new ArrayList<>(raws);
    texts.addAll(dev.llamakit.pipelines.sentencepiece.MixedText.documents(3, 2000, 60, raws));
    texts.addAll(List.of("", " ", "ABC xyz 0123456789 \u0000\u001f\u007f", "\ud800", "a\udc00", "\ud83d\ude00"));
    List<String> wrong = new ArrayList<>();
    for (String t : texts) {
      byte[] expected = PerplexityNormalizer.normalize(t).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (!java.util.Arrays.equals(expected, PerplexityNormalizer.normalizeToUtf8(t))) {
        wrong.add("<" + t + ">");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void stepsInCcNetOrder() {
    assertEquals("", PerplexityNormalizer.normalize(" \t\u00a0\u3000\u202f "));
    assertEquals("first linewith a tab.second", PerplexityNormalizer.normalize("First line\twith a tab.\nSecond"));
    assertEquals("cafe 0000, 00 \"x\" a - b", PerplexityNormalizer.normalize("\u00a0Café 1999, ٣٤ “X” A—B\u2007"));
    assertEquals("x\u00b2 \u00bd \u217b \"", PerplexityNormalizer.normalize("X\u00b2 \u00bd \u216b \u00bb")); // not Nd
    assertEquals("0 0 ...", PerplexityNormalizer.normalize("\uff11 \uff10 \u2026")); // the table's FF11 entry is dead
    assertEquals("istanbul", PerplexityNormalizer.normalize("\u0130stanbul")); // lower() gives i + U+0307 (Mn)
    assertEquals("\u2018\u2015", PerplexityNormalizer.normalize("\u2018\u2015")); // not in the table
    assertEquals("ab", PerplexityNormalizer.normalize("a\u0085\u009f\u007fb"));
    assertEquals("\ud83d\ude00 =", PerplexityNormalizer.normalize("\ud83d\ude00 \u2260"));
  }

  /** The resource table has cc_net's 34 entries, the same characters the dedup normaliser deletes. */
  @Test
  void tableIsCcNetsUnicodePunct() {
    assertEquals(34, PerplexityNormalizer.table().size());
    Set<Integer> dedupKeys = CcNetNormalizer.UNICODE_PUNCT.codePoints().boxed().collect(Collectors.toSet());
    assertEquals(dedupKeys, PerplexityNormalizer.table().keySet());
    assertEquals(" - ", PerplexityNormalizer.table().get(0x2014));
    assertEquals(". ", PerplexityNormalizer.table().get(0xFF0E));
  }
}
