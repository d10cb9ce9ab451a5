package dev.llamakit.pipelines.kenlm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores the 202 records of {@code golden/kenlm/goldens.jsonl} (made with KenLM itself, see its README) from the ARPA
 * file and from the probing binary, and requires every word id, per-token log10, n-gram length, OOV flag and float32
 * total to be bit-identical.
 */
class KenLmGoldenTest {
  private static ArpaModel arpa;
  private static KenLmBinaryModel binary;
  private static List<JsonNode> records;

  @BeforeAll
  static void load() throws IOException {
    Path arpaFile = SharedFiles.require("golden/kenlm/lm.arpa.gz");
    Path binaryFile = SharedFiles.require("golden/kenlm/lm.binary");
    Path goldens = SharedFiles.require("golden/kenlm/goldens.jsonl");
    long t0 = System.nanoTime();
    arpa = ArpaModel.load(arpaFile);
    long t1 = System.nanoTime();
    binary = KenLmBinaryModel.open(binaryFile);
    long t2 = System.nanoTime();
    System.out.printf("kenlm load: lm.arpa.gz %.0f ms, lm.binary %.1f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
    ObjectMapper om = new ObjectMapper();
    records = new ArrayList<>();
    for (String line : Files.readAllLines(goldens)) {
      records.add(om.readTree(line));
    }
  }

  @AfterAll
  static void close() {
    if (binary != null) {
      binary.close();
    }
  }

  @Test
  void bothFormatsDescribeTheSameModel() {
    assertEquals(202, records.size());
    for (NgramModel m : List.of(arpa, binary)) {
      assertEquals(5, m.order());
      assertEquals(6233, m.vocabularySize());
      assertEquals(0, m.index("<unk>"));
      assertEquals("<unk>", m.word(0));
      assertEquals(1, m.beginSentenceIndex());
      assertEquals(2, m.endSentenceIndex());
      assertEquals("▁=", m.word(3));
    }
    assertArrayEquals(new long[] {6233, 73116, 163555, 223492, 254191}, binary.counts());
    for (int w = 0; w < arpa.vocabularySize(); w++) {
      assertEquals(arpa.word(w), binary.word(w));
      assertEquals(w, binary.index(arpa.word(w)));
    }
  }

  @Test
  void arpaMatchesEveryGolden() {
    assertAllGoldens(arpa);
  }

  @Test
  void binaryMatchesEveryGolden() {
    assertAllGoldens(binary);
  }

  private static void assertAllGoldens(NgramModel model) {
    int tokens = 0;
    int totalsBitExact = 0;
    for (JsonNode r : records) {
      String id = r.get("id").asText();
      String tokenized = r.get("tokenized").asText();
      List<String> words = new ArrayList<>(KenLmWords.split(tokenized));
      words.add("</s>");
      assertEquals(strings(r.get("kenlm_words")), words, id);
      NgramState in = model.newState();
      NgramState out = model.newState();
      model.beginSentence(in);
      float total = 0f;
      for (int i = 0; i < words.size(); i++) {
        int w = model.index(words.get(i));
        String where = id + " token " + i + " " + words.get(i);
        assertEquals(r.get("kenlm_word_ids").get(i).asInt(), w, where);
        assertEquals(r.get("token_oov").get(i).asBoolean(), w == 0 && i < words.size() - 1, where);
        float p = model.score(in, w, out);
        float expected = (float) r.get("token_log10").get(i).asDouble();
        assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(p), where + ": " + p + " vs " + expected);
        assertEquals(r.get("token_ngram_length").get(i).asInt(), out.ngramLength(), where);
        total += p;
        NgramState t = in;
        in = out;
        out = t;
        tokens++;
      }
      int expectedBits = Integer.parseUnsignedInt(r.get("log10_f32").asText(), 16);
      assertEquals(expectedBits, Float.floatToIntBits(total), id + " streamed total");
      assertEquals(expectedBits, Float.floatToIntBits(model.score(tokenized)), id + " score(line)");
      assertEquals(expectedBits, Float.floatToIntBits(model.scoreSentence(words.subList(0, words.size() - 1)
          .toArray(String[]::new))), id + " scoreSentence");
      assertTrue(Math.abs(r.get("log10").asDouble() - total) <= 1e-4, id);
      totalsBitExact++;
    }
    assertEquals(33_985, tokens);
    assertEquals(202, totalsBitExact);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
