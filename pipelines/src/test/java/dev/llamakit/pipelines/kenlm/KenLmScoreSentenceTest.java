package dev.llamakit.pipelines.kenlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.engine.testing.SharedFiles;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link NgramModel#scoreSentence(int[], int)} (the probing models' blocked loop with early table reads) against
 * KenLM's per-word {@code FullScore} chain, on the goldens' word sequences and on random and repetitive index
 * sequences of every length around the block size; and {@link FastMod} against the division it replaces.
 */
class KenLmScoreSentenceTest {
  @Test
  void scoreSentenceEqualsWordByWordScoring() throws Exception {
    try (NgramModel binary = NgramModel.open(SharedFiles.require("golden/kenlm/lm.binary"));
        NgramModel arpa = NgramModel.open(SharedFiles.require("golden/kenlm/lm.arpa.gz"))) {
      for (NgramModel m : List.of(binary, arpa)) {
        List<int[]> sentences = new ArrayList<>();
        for (var r : dev.llamakit.pipelines.sentencepiece.KenlmGoldens.records()) {
          String[] words = r.tokenized().isEmpty() ? new String[0] : r.tokenized().split(" ");
          int[] ids = new int[words.length];
          for (int i = 0; i < ids.length; i++) {
            ids[i] = m.index(words[i]);
          }
          sentences.add(ids);
        }
        SplittableRandom rnd = new SplittableRandom(5);
        for (int n = 0; n < 300; n++) {
          int len = n < 200 ? n : rnd.nextInt(2000);
          int[] ids = new int[len];
          int[] golden = sentences.get(rnd.nextInt(sentences.size()));
          for (int i = 0; i < len; i++) {
            int kind = rnd.nextInt(4);
            ids[i] = kind == 0 ? rnd.nextInt(m.vocabularySize()) : kind == 1 || golden.length == 0 ? i % 7
                : golden[(i + n) % golden.length];
          }
          sentences.add(ids);
        }
        for (int[] ids : sentences) {
          NgramState a = m.newState();
          NgramState b = m.newState();
          m.beginSentence(a);
          float total = 0f;
          for (int w : ids) {
            total += m.score(a, w, b);
            NgramState t = a;
            a = b;
            b = t;
          }
          total += m.score(a, m.endSentenceIndex(), b);
          assertEquals(Float.floatToIntBits(total), Float.floatToIntBits(m.scoreSentence(ids, ids.length)));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> m.scoreSentence(new int[] {1, m.vocabularySize()}, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.scoreSentence(new int[] {1, -1}, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> m.scoreSentence(new int[] {1}, 2));
      }
    }
  }

  @Test
  void fastModIsTheUnsignedRemainder() {
    SplittableRandom rnd = new SplittableRandom(9);
    List<Long> divisors = new ArrayList<>(List.of(1L, 2L, 3L, 7L, 10L, 9349L, 109674L, 245334L, 335239L, 381287L,
        (1L << 32) - 1, 1L << 32, (1L << 32) + 1, Long.MAX_VALUE, -1L, -2L, Long.MIN_VALUE));
    for (int i = 0; i < 200; i++) {
      divisors.add(rnd.nextLong() >>> rnd.nextInt(64));
    }
    for (long d : divisors) {
      if (d == 0) {
        continue;
      }
      FastMod f = new FastMod(d);
      long[] edges = {0, 1, d, d - 1, d + 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 2 * d, 2 * d - 1};
      for (long a : edges) {
        assertEquals(Long.remainderUnsigned(a, d), f.mod(a), a + " mod " + Long.toUnsignedString(d));
      }
      for (int i = 0; i < 2000; i++) {
        long a = rnd.nextLong();
        assertEquals(Long.remainderUnsigned(a, d), f.mod(a), a + " mod " + Long.toUnsignedString(d));
      }
    }
    assertEquals(BigInteger.ZERO.longValue(), new FastMod(1).mod(-1));
  }
}
