package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The KV-cache rows' Vector API products against their scalar references, at this machine's width (and capped at
 * 256 bits in the second surefire run), on head sizes with and without vector tails and on every column offset a
 * GQA head takes; F16 values read back exactly, special values included; Q8_0 rows are the file format's blocks.
 */
class KvRowsTest {
  private static final int ROW = 256;

  private static KvRows filled(GgmlType type, int rows, long seed) {
    KvRows r = KvRows.allocate(type, rows, ROW);
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] x = new float[ROW];
    for (int j = 0; j < rows; j++) {
      for (int i = 0; i < ROW; i++) {
        x[i] = (float) (rnd.nextGaussian() * (i % 7 == 0 ? 4 : 1));
      }
      r.write(j, x, 0);
    }
    return r;
  }

  private static void assertClose(float[] want, float[] got, int from, int n, String what) {
    for (int i = from; i < from + n; i++) {
      float tol = 1e-5f * Math.max(1f, Math.abs(want[i]));
      assertEquals(want[i], got[i], tol, what + " at " + i);
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "Q8_0"})
  void vectorProductsMatchTheScalarReference(GgmlType type) {
    int rows = 37;
    KvRows r = filled(type, rows, 11);
    SplittableRandom rnd = new SplittableRandom(5);
    int[] heads = type == GgmlType.Q8_0 ? new int[] {32, 64, 128} : new int[] {4, 20, 64, 100, 128};
    for (int n : heads) {
      for (int col = 0; col + n <= ROW; col += n) {
        float[] q = new float[3 + n];
        for (int i = 0; i < q.length; i++) {
          q[i] = (float) rnd.nextGaussian();
        }
        float[] want = new float[rows], got = new float[rows];
        r.scoresReference(q, 3, col, n, rows, 0.125f, want);
        r.scores(q, 3, col, n, rows, 0.125f, got);
        assertClose(want, got, 0, rows, type + " scores n=" + n + " col=" + col);
        float[] w = new float[rows];
        for (int j = 0; j < rows; j++) {
          w[j] = (float) rnd.nextDouble();
        }
        float[] sumWant = new float[n + 5], sumGot = new float[n + 5];
        java.util.Arrays.fill(sumGot, 9f);  // overwritten, not added to
        java.util.Arrays.fill(sumWant, 9f);
        r.weightedSumReference(w, rows, col, n, sumWant, 5);
        r.weightedSum(w, rows, col, n, sumGot, 5);
        assertClose(sumWant, sumGot, 0, n + 5, type + " weighted sum n=" + n + " col=" + col);
      }
    }
  }

  @Test
  void f16RowsReadBackExactlyIncludingSpecialValues() {
    float[] x = new float[ROW];
    float[] special = {0f, -0f, 0x1p-24f, -0x1p-24f, 0x1.ff8p-15f, 0x1p-14f, 65504f, -65504f, 70000f, -1e9f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-9f, 3.14159f, -2.71828f, 0.1f, 1f / 3};
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < ROW; i++) {
      x[i] = i < special.length ? special[i] : (float) (rnd.nextGaussian() * Math.pow(2, rnd.nextInt(-20, 12)));
    }
    KvRows r = KvRows.allocate(GgmlType.F16, 2, ROW);
    r.write(1, x, 0);
    float[] back = new float[ROW];
    r.read(1, back, 0);
    for (int i = 0; i < ROW; i++) {
      assertEquals(Float.float16ToFloat(Float.floatToFloat16(x[i])), back[i], 0f, "value " + x[i]);
    }
    // the vector path decodes the same bits: a weighted sum with weights {0, 1} is row 1 itself (x*1 + 0 is exact)
    float[] viaVector = new float[ROW];
    r.weightedSum(new float[] {0f, 1f}, 2, 0, ROW, viaVector, 0);
    for (int i = 0; i < ROW; i++) {
      if (Float.isInfinite(back[i])) {
        assertEquals(back[i], viaVector[i], "infinity at " + i);  // 0 * row 0 (zeros) + 1 * inf
      } else {
        assertEquals(back[i], viaVector[i], 0f, "value " + x[i] + " at " + i);
      }
    }
  }

  @Test
  void q8RowsAreTheFileFormatsBlocks() {
    float[] x = new float[ROW];
    SplittableRandom rnd = new SplittableRandom(9);
    for (int i = 0; i < ROW; i++) {
      x[i] = (float) rnd.nextGaussian();
    }
    KvRows r = KvRows.allocate(GgmlType.Q8_0, 1, ROW);
    r.write(0, x, 0);
    float[] back = new float[ROW];
    r.read(0, back, 0);
    ByteBuffer blocks = ByteBuffer.allocate((int) GgmlType.Q8_0.byteSize(ROW));
    Quantizer.quantize(GgmlType.Q8_0, x, 0, ROW, blocks);
    float[] viaMatrix = new float[ROW];
    WeightMatrix.of("kv", GgmlType.Q8_0, MemorySegment.ofArray(blocks.array()), 1, ROW).dequantizeRow(0, viaMatrix,
        0);
    assertArrayEquals(viaMatrix, back);
    assertEquals(34L * ROW / 32, r.bytesPerRow());
  }

  @Test
  void copiesAndChecks() {
    KvRows a = filled(GgmlType.F16, 5, 1);
    KvRows b = KvRows.allocate(GgmlType.F16, 8, ROW);
    b.copyFrom(a, 5);
    float[] ra = new float[ROW], rb = new float[ROW];
    a.read(4, ra, 0);
    b.read(4, rb, 0);
    assertArrayEquals(ra, rb);
    assertThrows(IllegalArgumentException.class, () -> KvRows.allocate(GgmlType.F32, 8, ROW).copyFrom(a, 5));
    assertThrows(IllegalArgumentException.class, () -> KvRows.allocate(GgmlType.Q8_0, 1, 48));
    assertThrows(IllegalArgumentException.class, () -> KvRows.allocate(GgmlType.Q4_0, 1, 64));
    assertNull(KvRows.checkColumns(GgmlType.F16, 4));
    assertNull(KvRows.checkColumns(GgmlType.Q8_0, 64));
    assertEquals("Q8_0 stores blocks of 32 values and a head has 48", KvRows.checkColumns(GgmlType.Q8_0, 48));
    KvRows q = filled(GgmlType.Q8_0, 2, 1);
    assertThrows(IllegalArgumentException.class, () -> q.scores(new float[64], 0, 16, 32, 2, 1f, new float[2]));
  }
}
