package dev.llamakit.pipelines.filters.lmppl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.inference.LogProbs;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogSumExpTest {
  @Test
  void agreesWithTheEnginesDoubleLogSumExp() {
    Random r = new Random(5);
    for (int n : new int[] {1, 7, 16, 17, 512, 32000, 32003, 128256}) {
      float[] x = new float[n + 5];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (r.nextGaussian() * 4 + (i % 97 == 0 ? 20 : 0));
      }
      for (int off : new int[] {0, 3}) {
        double expected = LogProbs.logSumExp(x, off, n);
        assertEquals(expected, LogSumExp.of(x, off, n), 1e-7, "n " + n + " off " + off);
      }
    }
  }

  @Test
  void aSingleLargeLogitDominates() {
    float[] x = new float[1000];
    x[500] = 80f;
    assertEquals(80 + Math.log1p(999 * Math.exp(-80)), LogSumExp.of(x, 0, x.length), 1e-12);
  }
}
