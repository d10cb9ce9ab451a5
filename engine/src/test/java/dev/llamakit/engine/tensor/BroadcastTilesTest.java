package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link BroadcastTiles} on their own, at whatever width the JVM runs (the build runs this class at 512, 256, AVX2 and
 * 128 bits; {@link MatMul} uses the tiles only where there are 16 vector registers, so this is what tests them
 * elsewhere): the transposed layout, and both tiles (rows {@link BroadcastTiles#STRIDE} apart) over a column range
 * that starts and ends off the chunk grid,
 * accumulating onto non-zero accumulators, against a double-precision sum.
 */
class BroadcastTilesTest {
  @Test
  void transposeLaysTokensAcrossLanesAndZeroesThePadding() {
    int n = BroadcastTiles.GROUP + 3, cols = 7;
    float[] x = new float[n * cols];
    for (int i = 0; i < x.length; i++) {
      x[i] = i + 1;
    }
    float[] xt = new float[BroadcastTiles.transposedLength(n, cols)];
    java.util.Arrays.fill(xt, Float.NaN);
    BroadcastTiles.transpose(x, n, cols, xt);
    assertEquals(2 * BroadcastTiles.GROUP * cols, xt.length);
    for (int t = 0; t < 2 * BroadcastTiles.GROUP; t++) {
      int g = t / BroadcastTiles.GROUP, j = t % BroadcastTiles.GROUP;
      for (int k = 0; k < cols; k++) {
        float want = t < n ? x[t * cols + k] : 0f;
        assertEquals(want, xt[g * BroadcastTiles.GROUP * cols + k * BroadcastTiles.GROUP + j], "token " + t + " col " + k);
      }
    }
  }

  @Test
  void tilesAddRowTimesTokenProducts() {
    int rows = BroadcastTiles.ROWS, cols = 301, ws = BroadcastTiles.STRIDE, n = BroadcastTiles.GROUP;
    int lanes = BroadcastTiles.GROUP / 2;
    SplittableRandom rnd = new SplittableRandom(3);
    float[] w = new float[3 + rows * ws];
    float[] x = new float[n * cols];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    float[] xt = new float[BroadcastTiles.transposedLength(n, cols)];
    BroadcastTiles.transpose(x, n, cols, xt);
    int k0 = 13, k1 = 290, wo = 3;
    for (boolean both : new boolean[] {true, false}) {
      float[] acc = new float[4 + BroadcastTiles.TILE_ACC];
      for (int i = 0; i < acc.length; i++) {
        acc[i] = i * 0.5f;
      }
      float[] before = acc.clone();
      if (both) {
        BroadcastTiles.tile4x2(w, wo + k0, xt, BroadcastTiles.GROUP * k0, k1 - k0, acc, 4);
      } else {
        BroadcastTiles.tile4x1(w, wo + k0, xt, BroadcastTiles.GROUP * k0, k1 - k0, acc, 4);
      }
      for (int r = 0; r < rows; r++) {
        for (int j = 0; j < n; j++) {
          int at = 4 + 2 * r * lanes + j;
          if (!both && j >= lanes) {
            assertEquals(before[at], acc[at], "tile4x1 must leave the second token vector alone");
            continue;
          }
          double want = before[at], mag = Math.abs(before[at]);
          for (int k = k0; k < k1; k++) {
            double p = (double) w[wo + r * ws + k] * x[j * cols + k];
            want += p;
            mag += Math.abs(p);
          }
          assertEquals(want, acc[at], 1e-6 * mag, (both ? "tile4x2" : "tile4x1") + " row " + r + " token " + j);
        }
      }
      assertEquals(before[0], acc[0]);
    }
  }
}
