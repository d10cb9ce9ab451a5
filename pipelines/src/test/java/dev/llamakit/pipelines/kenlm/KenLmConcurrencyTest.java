package dev.llamakit.pipelines.kenlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One model scored from several threads at once gives every golden total; also measures single-thread scoring speed
 * (printed, not asserted: the machine is shared).
 */
class KenLmConcurrencyTest {
  @Test
  void concurrentScoringIsExactAndFast() throws Exception {
    List<String> lines = new ArrayList<>();
    List<Integer> bits = new ArrayList<>();
    long words = 0;
    ObjectMapper om = new ObjectMapper();
    for (String l : Files.readAllLines(SharedFiles.require("golden/kenlm/goldens.jsonl"))) {
      JsonNode r = om.readTree(l);
      lines.add(r.get("tokenized").asText());
      bits.add(Integer.parseUnsignedInt(r.get("log10_f32").asText(), 16));
      words += r.get("kenlm_words").size();
    }
    try (NgramModel binary = NgramModel.open(SharedFiles.require("golden/kenlm/lm.binary"));
        NgramModel arpa = NgramModel.open(SharedFiles.require("golden/kenlm/lm.arpa.gz"))) {
      assertEquals(KenLmBinaryModel.class, binary.getClass());
      for (NgramModel m : List.of(binary, arpa)) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
          List<Future<Integer>> results = new ArrayList<>();
          for (int t = 0; t < 4; t++) {
            int offset = t * 37;
            results.add(pool.submit(() -> {
              int ok = 0;
              for (int rep = 0; rep < 5; rep++) {
                for (int k = 0; k < lines.size(); k++) {
                  int i = (k + offset) % lines.size();
                  if (Float.floatToIntBits(m.score(lines.get(i))) == bits.get(i)) {
                    ok++;
                  }
                }
              }
              return ok;
            }));
          }
          for (Future<Integer> f : results) {
            assertEquals(5 * lines.size(), f.get());
          }
        } finally {
          pool.shutdown();
        }
        double wordsPerSecond = measure(m, lines, words);
        System.out.printf("kenlm %s: %.2f M words/s on one thread (%d goldens, %d words per pass)%n",
            m.getClass().getSimpleName(), wordsPerSecond / 1e6, lines.size(), words);
        assertTrue(wordsPerSecond > 0);
      }
    }
  }

  private static double measure(NgramModel m, List<String> lines, long wordsPerPass) {
    float sink = 0;
    for (int warm = 0; warm < 20; warm++) {
      for (String l : lines) {
        sink += m.score(l);
      }
    }
    int passes = 0;
    long t0 = System.nanoTime();
    long elapsed;
    do {
      for (String l : lines) {
        sink += m.score(l);
      }
      passes++;
      elapsed = System.nanoTime() - t0;
    } while (elapsed < 1_500_000_000L);
    assertTrue(sink < 0);
    return passes * wordsPerPass / (elapsed / 1e9);
  }
}
