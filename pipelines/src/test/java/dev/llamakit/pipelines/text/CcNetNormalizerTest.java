package dev.llamakit.pipelines.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Golden parity with cc_net's normalize_for_dedup and line hash (golden made by tools/make_ccnet_dedup_golden.py). */
class CcNetNormalizerTest {
  @Test
  void matchesCcNetOnTrickyLines() throws Exception {
    ObjectMapper om = new ObjectMapper();
    LineHasher hasher = new LineHasher();
    int n = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        getClass().getResourceAsStream("ccnet_dedup_golden.jsonl"), StandardCharsets.UTF_8))) {
      for (String l; (l = r.readLine()) != null; n++) {
        JsonNode g = om.readTree(l);
        String line = g.get("line").asText();
        assertEquals(g.get("normalized").asText(), CcNetNormalizer.normalizeForDedup(line), "normalised: " + line);
        assertEquals(Long.parseUnsignedLong(g.get("hash").asText()), hasher.hashLine(line), "hash: " + line);
      }
    }
    assertEquals(45, n);
  }

  @Test
  void spotChecks() {
    assertEquals("tel. 00 00", CcNetNormalizer.normalizeForDedup("  Tel. 01 23\t"));
    assertEquals("café  déjà", CcNetNormalizer.normalizeForDedup("Café – Déjà"));
    assertEquals("", CcNetNormalizer.normalizeForDedup("\u00a0 \u3000"));
  }

  @Test
  void splitLinesIsPythonSplit() {
    assertArrayEquals(new String[] {""}, LineHasher.splitLines(""));
    assertArrayEquals(new String[] {"a", "", "b", ""}, LineHasher.splitLines("a\n\nb\n"));
  }

  @Test
  void asciiFastPathAgreesWithSlowPath() {
    SplittableRandom rnd = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(20);
      for (int j = 0; j < len; j++) {
        sb.append((char) (0x20 + rnd.nextInt(0x5F)));
      }
      String s = sb.toString();
      String slow = PyText.strip(s).toLowerCase(java.util.Locale.ROOT).replaceAll("[0-9]", "0");
      assertEquals(slow, CcNetNormalizer.normalizeForDedup(s), s);
    }
  }

  @Test
  void hashingAsciiLinesStraightToBytesEqualsHashingTheNormalisedString() {
    LineHasher hasher = new LineHasher();
    SplittableRandom rnd = new SplittableRandom(11);
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder();
      int len = rnd.nextInt(300); // past the hasher's first buffer size too
      for (int j = 0; j < len; j++) {
        int k = rnd.nextInt(20);
        sb.append(k == 0 ? (char) rnd.nextInt(0x20) : k == 1 ? (char) 0x7F : k == 2 ? 'é' : (char) (0x20 + rnd.nextInt(0x5F)));
      }
      String s = rnd.nextInt(4) == 0 ? sb.toString().replace('é', 'e') : sb.toString();
      assertEquals(hasher.hashNormalized(CcNetNormalizer.normalizeForDedup(s)), hasher.hashLine(s), s);
    }
  }
}
