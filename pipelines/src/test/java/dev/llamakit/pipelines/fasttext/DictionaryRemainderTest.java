package dev.llamakit.pipelines.fasttext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The division-free remainder behind char n-gram ids equals {@code Integer.remainderUnsigned} everywhere. */
class DictionaryRemainderTest {
  @Test
  void equalsTheDivisionForEdgeAndRandomValues() {
    int[] divisors = {1, 2, 3, 7, 1 << 20, 2_000_000, 2_000_003, 10_000_000, Integer.MAX_VALUE, 0x80000000,
        0xFFFFFFFF, 0xFFFFFFFE};
    int[] edges = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 1_999_999, 2_000_000, 0x9E3779B9};
    SplittableRandom rnd = new SplittableRandom(20261207);
    for (int d : divisors) {
      long m = Dictionary.remainderConstant(d);
      for (int h : edges) {
        assertEquals(Integer.remainderUnsigned(h, d), Dictionary.remainder(h, m, d), h + " mod " + d);
      }
      for (int i = 0; i < 200_000; i++) {
        int h = rnd.nextInt();
        assertEquals(Integer.remainderUnsigned(h, d), Dictionary.remainder(h, m, d), h + " mod " + d);
      }
    }
    for (int i = 0; i < 200_000; i++) {
      int d = rnd.nextInt() | 1;
      int h = rnd.nextInt();
      assertEquals(Integer.remainderUnsigned(h, d), Dictionary.remainder(h, Dictionary.remainderConstant(d), d));
    }
  }
}
