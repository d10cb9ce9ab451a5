package dev.llamakit.pipelines.filters.perplexity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * cc_net parity end to end on the goldens made with the real SentencePiece and KenLM ({@code ../shared/golden/kenlm}):
 * from {@code raw} to cc_net's {@code tokenized}, the float32 total, the length and the rounded perplexity, with the
 * LM read from the ARPA file and from KenLM's binary.
 */
class CcNetPerplexityGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"lm.binary", "lm.arpa.gz"})
  void reproducesEveryGolden(String lmFile) throws Exception {
    Path dir = SharedFiles.require("golden/kenlm");
    List<String> mismatches = new ArrayList<>();
    int n = 0;
    ObjectMapper om = new ObjectMapper();
    try (CcNetPerplexity pp = CcNetPerplexity.open(dir.resolve("sp.model"), dir.resolve(lmFile))) {
      for (String line : Files.readAllLines(dir.resolve("goldens.jsonl"), StandardCharsets.UTF_8)) {
        JsonNode g = om.readTree(line);
        n++;
        CcNetPerplexity.Score s = pp.score(g.get("raw").asText());
        String id = g.get("id").asText();
        if (!s.tokenized().equals(g.get("tokenized").asText())) {
          mismatches.add(id + ": tokenized");
          continue;
        }
        float golden = (float) g.get("log10").asDouble();
        if (Float.floatToIntBits(s.log10()) != Float.floatToIntBits(golden)) {
          mismatches.add(id + ": log10 " + s.log10() + " != " + golden);
        }
        if (s.length() != g.get("length").asInt()) {
          mismatches.add(id + ": length " + s.length() + " != " + g.get("length").asInt());
        }
        JsonNode gp = g.get("perplexity");
        if (gp == null || gp.isNull()) {
          if (s.perplexity() != null) {
            mismatches.add(id + ": perplexity set where cc_net sets none");
          }
        } else if (s.perplexity() == null || s.perplexity() != gp.asDouble()) {
          mismatches.add(id + ": perplexity " + s.perplexity() + " != " + gp.asDouble());
        }
      }
    }
    assertEquals(202, n);
    assertEquals(List.of(), mismatches);
  }

  @ParameterizedTest
  @ValueSource(doubles = {31.05010090537831, 5940.86, 0.05, 0.15, 0.25, 2.675})
  void roundsLikePython(double x) {
    double expected = switch (Double.toString(x)) {
      case "31.05010090537831" -> 31.1;
      case "5940.86" -> 5940.9;
      case "0.05" -> 0.1;   // 0.05 is 0.05000000000000000277 in binary: above the tie
      case "0.15" -> 0.1;   // 0.1499999999999999944
      case "0.25" -> 0.2;   // an exact tie: half to even
      case "2.675" -> 2.7;  // 2.67499999999999982236431605997495353221893310546875 -> 2.7
      default -> throw new AssertionError();
    };
    assertEquals(expected, CcNetPerplexity.round1(x));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyTextGetsNoPerplexity(String raw) throws Exception {
    Path dir = SharedFiles.require("golden/kenlm");
    try (CcNetPerplexity pp = CcNetPerplexity.open(dir.resolve("sp.model"), dir.resolve("lm.binary"))) {
      CcNetPerplexity.Score s = pp.score(raw);
      assertNull(s.perplexity());
      assertEquals(1, s.length());
      assertTrue(s.log10() < 0);
    }
  }
}
