package dev.llamakit.engine.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every kernel against the scalar reference dequantization on random blocks. */
class WeightMatrixTest {
  private static final int ROWS = 5;
  private static final int COLS = 768;

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void floatDotMatchesReference(GgmlType type) {
    try (Arena arena = Arena.ofConfined()) {
      WeightMatrix w = random(arena, type, 7);
      float[] x = gaussian(COLS, 8);
      float[] row = new float[COLS];
      float[] scratch = new float[4 * COLS];
      for (int r = 0; r < ROWS; r++) {
        w.dequantizeRow(r, row, 0);
        double ref = 0, mag = 0;
        for (int i = 0; i < COLS; i++) {
          ref += (double) row[i] * x[i];
          mag += Math.abs((double) row[i] * x[i]);
        }
        assertEquals(ref, w.dot(r, x, 0, scratch), 1e-5 * mag + 1e-6, type + " row " + r);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void quantizedDotMatchesReferenceOnQuantizedActivations(GgmlType type) {
    try (Arena arena = Arena.ofConfined()) {
      WeightMatrix w = random(arena, type, 11);
      float[] x = gaussian(COLS, 12);
      QuantizedActivations q = new QuantizedActivations(COLS);
      q.quantize(w.activationFormat(), x, 0, COLS);
      float[] row = new float[COLS];
      for (int r = 0; r < ROWS; r++) {
        w.dequantizeRow(r, row, 0);
        double ref = 0, mag = 0;
        for (int i = 0; i < COLS; i++) {
          ref += (double) row[i] * q.value(i);
          mag += Math.abs((double) row[i] * q.value(i));
        }
        float got = w.dotQuantized(r, q, x, new float[COLS]);
        assertEquals(ref, got, 2e-5 * mag + 1e-6, type + " row " + r);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void fastDecodeIsBitIdenticalToReference(GgmlType type) {
    try (Arena arena = Arena.ofConfined()) {
      WeightMatrix w = random(arena, type, 21);
      float[] ref = new float[COLS], fast = new float[COLS + 3];
      for (int r = 0; r < ROWS; r++) {
        w.dequantizeRow(r, ref, 0);
        w.decodeRow(r, fast, 3);
        for (int i = 0; i < COLS; i++) {
          assertEquals(Float.floatToRawIntBits(ref[i]), Float.floatToRawIntBits(fast[3 + i]), type + " [" + r + "," + i + "]");
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void residentCopyKeepsEveryValueAndResult(GgmlType type) {
    try (Arena arena = Arena.ofConfined(); Arena copies = Arena.ofConfined()) {
      WeightMatrix w = random(arena, type, 31);
      WeightMatrix m = w.resident(copies);
      assertEquals(type, m.type());
      assertEquals(type == GgmlType.Q6_K, m instanceof Q6_KUnpackedMatrix || m instanceof Q6_KPairedMatrix,
          "unpacked or paired layout only for Q6_K");
      assertEquals(type == GgmlType.Q6_K && Q6_KPairedMatrix.supported(), m instanceof Q6_KPairedMatrix,
          "paired Q6_K where 512-bit vectors are native");
      assertEquals(type == GgmlType.Q4_0 && Q4_0PairedMatrix.used(), m instanceof Q4_0PairedMatrix,
          "grouped layout for Q4_0 with vectors of 256 bits or more");
      assertEquals(type == GgmlType.Q4_K && Q4_KPairedMatrix.used(), m instanceof Q4_KPairedMatrix,
          "two-sub-block layout for Q4_K with vectors of 256 bits or more");
      assertEquals(type == GgmlType.Q5_K && Q5_KPairedMatrix.supported(), m instanceof Q5_KPairedMatrix,
          "int16-pair layout for Q5_K where 512-bit vectors are native");
      long expectedBytes = type == GgmlType.Q6_K ? 274L * (COLS / 256) * ROWS
          : m instanceof Q4_0PairedMatrix ? 20L * (COLS / 32) * ROWS
          : m instanceof Q4_KPairedMatrix ? 148L * (COLS / 256) * ROWS
          : m instanceof Q5_KPairedMatrix ? 276L * (COLS / 256) * ROWS : w.byteSize();
      assertEquals(expectedBytes, m.byteSize());
      assertEquals(expectedBytes, w.residentBytes());
      float[] x = gaussian(COLS, 32);
      QuantizedActivations q = new QuantizedActivations(COLS);
      if (w.activationFormat() != ActivationFormat.F32) {
        q.quantize(w.activationFormat(), x, 0, COLS);
      }
      float[] a = new float[COLS], b = new float[COLS], scratch = new float[4 * COLS];
      float[] outW = new float[ROWS], outM = new float[ROWS];
      w.dotRows(0, ROWS, q, x, outW, scratch);
      m.dotRows(0, ROWS, q, x, outM, scratch);
      for (int r = 0; r < ROWS; r++) {
        w.dequantizeRow(r, a, 0);
        m.dequantizeRow(r, b, 0);
        for (int i = 0; i < COLS; i++) {
          assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), type + " value [" + r + "," + i + "]");
        }
        m.decodeRow(r, b, 0);
        for (int i = 0; i < COLS; i++) {
          assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), type + " decode [" + r + "," + i + "]");
        }
        assertEquals(w.dot(r, x, 0, scratch), m.dot(r, x, 0, scratch), 1e-6f * Math.abs(w.dot(r, x, 0, scratch)) + 1e-6f);
        // Q6_K unpacked sums each block exactly in int32 where the packed kernel adds 16 float partials: the same
        // value up to float rounding
        assertEquals(outW[r], outM[r], 2e-6f * Math.abs(outW[r]) + 1e-5f, type + " fast dot row " + r);
      }
    }
  }

  @Test
  void unpackedQ6_KKernelsOfBothWidthsMatchThePackedOne() {
    try (Arena arena = Arena.ofShared()) {
      WeightMatrix w = random(arena, GgmlType.Q6_K, 51);
      Q6_KUnpackedMatrix m = Q6_KUnpackedMatrix.unpack((Q6_KMatrix) w, arena); // the layout below 512 bits
      float[] x = gaussian(COLS, 52);
      QuantizedActivations q = new QuantizedActivations(COLS);
      q.quantize(ActivationFormat.Q8_K, x, 0, COLS);
      for (int r = 0; r < ROWS; r++) {
        float ref = w.dotQuantized(r, q, x, null);
        assertEquals(ref, m.dotNarrow(r, q), 2e-6f * Math.abs(ref) + 1e-5f, KernelShapes.BITS + "-bit row " + r);
        if (Q4_0PairedMatrix.supported()) {
          assertEquals(ref, m.dot512(r, q), 2e-6f * Math.abs(ref) + 1e-5f, "512-bit row " + r);
        }
      }
    }
  }

  @Test
  void pairedQ4_0IsExactAtTheExtremes() {
    // every nibble 15 or 0 against activations of +-127: the kernel's int16 lanes wrap on the way (by design) and
    // must still end on the exact block sums
    int cols = 32 * 5;
    byte[][] patterns = {{(byte) 0xFF}, {(byte) 0x0F}, {(byte) 0xF0}, {(byte) 0x00}};
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(GgmlType.Q4_0.byteSize((long) patterns.length * cols), 64);
      for (int r = 0; r < patterns.length; r++) {
        for (int b = 0; b < cols / 32; b++) {
          long o = 18L * (r * (cols / 32) + b);
          seg.set(java.lang.foreign.ValueLayout.JAVA_SHORT_UNALIGNED, o, (short) 0x3C00); // 1.0 in F16
          for (int j = 0; j < 16; j++) {
            seg.set(java.lang.foreign.ValueLayout.JAVA_BYTE, o + 2 + j, patterns[r][0]);
          }
        }
      }
      // the grouped layout at every width (resident() uses it from 256 bits)
      WeightMatrix m = Q4_0PairedMatrix.repack(
          (Q4_0Matrix) WeightMatrix.of("extremes", GgmlType.Q4_0, seg, patterns.length, cols), arena);
      for (float[] x : new float[][] {constant(cols, 1f), constant(cols, -1f), alternating(cols)}) {
        QuantizedActivations q = new QuantizedActivations(cols);
        q.quantize(ActivationFormat.Q8_0, x, 0, cols);
        float[] w = new float[cols];
        for (int r = 0; r < patterns.length; r++) {
          m.dequantizeRow(r, w, 0);
          double expected = 0;
          for (int i = 0; i < cols; i++) {
            expected += (double) w[i] * q.value(i);
          }
          assertEquals(expected, m.dotQuantized(r, q, x, null), 1e-4 * Math.abs(expected) + 1e-4, "row " + r);
        }
      }
    }
  }

  private static float[] constant(int n, float v) {
    float[] x = new float[n];
    java.util.Arrays.fill(x, v);
    return x;
  }

  private static float[] alternating(int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (i / 16) % 2 == 0 ? 1f : -1f;
    }
    return x;
  }

  @Test
  void pairedQ4_0MatchesQ4_0OverSeveralGroupsAndAnOddBlockCount() {
    int cols = 32 * (2 * Q4_0PairedMatrix.GROUP + 25); // two whole groups and a short, odd one
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment seg = arena.allocate(GgmlType.Q4_0.byteSize((long) ROWS * cols), 64);
      RandomBlocks.fill(GgmlType.Q4_0, seg, (long) ROWS * cols, new SplittableRandom(41));
      WeightMatrix w = WeightMatrix.of("odd", GgmlType.Q4_0, seg, ROWS, cols);
      Q4_0PairedMatrix m = Q4_0PairedMatrix.repack((Q4_0Matrix) w, arena); // at every width
      float[] x = gaussian(cols, 42);
      QuantizedActivations q = new QuantizedActivations(cols);
      q.quantize(ActivationFormat.Q8_0, x, 0, cols);
      float[] a = new float[cols], b = new float[cols];
      for (int r = 0; r < ROWS; r++) {
        w.dequantizeRow(r, a, 0);
        m.decodeRow(r, b, 0);
        for (int i = 0; i < cols; i++) {
          assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "decode [" + r + "," + i + "]");
        }
        m.dequantizeRow(r, b, 0);
        for (int i = 0; i < cols; i++) {
          assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "value [" + r + "," + i + "]");
        }
        float ref = w.dotQuantized(r, q, x, null);
        assertEquals(ref, m.dotQuantized(r, q, x, null), 2e-6f * Math.abs(ref) + 1e-5f, "row " + r);
        assertEquals(ref, m.dotNarrow(r, q), 2e-6f * Math.abs(ref) + 1e-5f, KernelShapes.BITS + "-bit row " + r);
        if (Q4_0PairedMatrix.supported()) {
          assertEquals(ref, m.dot512(r, q), 2e-6f * Math.abs(ref) + 1e-5f, "512-bit row " + r);
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(value = ActivationFormat.class, names = {"Q8_0", "Q8_K"})
  void activationQuantizationErrorIsBounded(ActivationFormat f) {
    float[] x = gaussian(COLS, 3);
    QuantizedActivations q = new QuantizedActivations(COLS);
    q.quantize(f, x, 0, COLS);
    for (int b = 0; b < COLS / f.blockSize(); b++) {
      float amax = 0;
      for (int i = 0; i < f.blockSize(); i++) {
        amax = Math.max(amax, Math.abs(x[b * f.blockSize() + i]));
      }
      for (int i = 0; i < f.blockSize(); i++) {
        int k = b * f.blockSize() + i;
        // half a quantization step, plus the F16 rounding of the Q8_0 scale
        assertTrue(Math.abs(q.value(k) - x[k]) <= amax / 127f * 0.5f + amax * 2e-3f, f + " element " + k);
      }
    }
  }

  @Test
  void knownBlockDecodes() {
    try (Arena arena = Arena.ofConfined()) {
      // Q4_0 block: d = 0.5, nibbles: byte j = (hi << 4) | lo with lo = j, hi = 15 - j
      MemorySegment s = arena.allocate(18);
      s.set(WeightMatrix.I16, 0, Float.floatToFloat16(0.5f));
      for (int j = 0; j < 16; j++) {
        s.set(java.lang.foreign.ValueLayout.JAVA_BYTE, 2 + j, (byte) (((15 - j) << 4) | j));
      }
      float[] out = new float[32];
      WeightMatrix.of("t", GgmlType.Q4_0, s, 1, 32).dequantizeRow(0, out, 0);
      for (int j = 0; j < 16; j++) {
        assertEquals((j - 8) * 0.5f, out[j]);
        assertEquals((15 - j - 8) * 0.5f, out[j + 16]);
      }
    }
  }

  @Test
  void unsupportedTypeNamesTensorAndType() {
    try (Arena arena = Arena.ofConfined()) {
      var e = assertThrows(UnsupportedTensorTypeException.class,
          () -> WeightMatrix.of("blk.3.ffn_up.weight", GgmlType.Q4_1, arena.allocate(20), 1, 32));
      assertTrue(e.getMessage().contains("blk.3.ffn_up.weight") && e.getMessage().contains("Q4_1"), e.getMessage());
    }
  }

  /**
   * The batched (prefill) path against the one-token float dot of every row: 1 to 7 tokens (every 4/2/1 token tile
   * combination of {@link TileKernels}) and 9 to 40 (one, two and three token groups of {@link BroadcastTiles}, the
   * last one full, over half or at most half full at 256 and 128 bits), three fused matrices whose heights are not
   * multiples of 4 or 5 and span several row blocks, widths that are not multiples of the column chunks (and for F32
   * not of the vector length either).
   */
  @ParameterizedTest
  @EnumSource(value = GgmlType.class, names = {"F32", "Q4_0", "Q4_K", "Q6_K"})
  void batchedMatmulEqualsRowDots(GgmlType type) {
    int cols = switch (type) {
      case F32 -> 1037;
      case Q4_0 -> 32 * 75;
      default -> 256 * 5;
    };
    int[] heights = {37, 5, 70};
    try (Arena arena = Arena.ofShared(); var pool = new dev.llamakit.engine.parallel.WorkerPool(2)) {
      WeightMatrix[] ws = new WeightMatrix[heights.length];
      for (int m = 0; m < ws.length; m++) {
        ws[m] = random(arena, type, heights[m], cols, 30 + m);
      }
      MatMul mm = new MatMul(pool, cols);
      float[] row = new float[cols];
      float[] scratch = new float[cols];
      for (int n : new int[] {1, 2, 3, 4, 5, 6, 7, 9, 16, 17, 25, 40}) {
        float[] x = gaussian(n * cols, 40 + n);
        float[][] outs = new float[ws.length][];
        for (int m = 0; m < ws.length; m++) {
          outs[m] = new float[n * heights[m]];
          java.util.Arrays.fill(outs[m], Float.NaN);
        }
        mm.matmul(ws, x, n, outs, true);
        for (int m = 0; m < ws.length; m++) {
          WeightMatrix w = ws[m];
          for (int r = 0; r < w.rows(); r++) {
            w.dequantizeRow(r, row, 0);
            for (int t = 0; t < n; t++) {
              double mag = 0;
              for (int i = 0; i < cols; i++) {
                mag += Math.abs((double) row[i] * x[t * cols + i]);
              }
              float want = w.dot(r, x, t * cols, scratch);
              assertEquals(want, outs[m][t * w.rows() + r], 1e-5 * mag + 1e-6,
                  type + " n=" + n + " matrix " + m + " token " + t + " row " + r);
            }
          }
        }
      }
    }
  }

  /**
   * Rows wider than one piece of a broadcast panel ({@link BroadcastTiles#WIDTH} columns; decoded through a row buffer
   * and cut), with a width not a multiple of the column chunk: the batched path against the one-token float dot.
   */
  @Test
  void batchedMatmulOfRowsWiderThanOnePanelPiece() {
    int cols = BroadcastTiles.WIDTH + 32 * 3, rows = 23, n = 17;
    try (Arena arena = Arena.ofShared(); var pool = new dev.llamakit.engine.parallel.WorkerPool(2)) {
      WeightMatrix w = random(arena, GgmlType.Q4_0, rows, cols, 77);
      float[] x = gaussian(n * cols, 78);
      float[] out = new float[n * rows];
      new MatMul(pool, cols).matmul(w, x, n, out, true);
      float[] row = new float[cols];
      float[] scratch = new float[cols];
      for (int r = 0; r < rows; r++) {
        w.dequantizeRow(r, row, 0);
        for (int t = 0; t < n; t++) {
          double mag = 0;
          for (int i = 0; i < cols; i++) {
            mag += Math.abs((double) row[i] * x[t * cols + i]);
          }
          assertEquals(w.dot(r, x, t * cols, scratch), out[t * rows + r], 1e-5 * mag + 1e-6, "token " + t + " row " + r);
        }
      }
    }
  }

  static WeightMatrix random(Arena arena, GgmlType type, int rows, int cols, long seed) {
    MemorySegment seg = arena.allocate(type.byteSize((long) rows * cols), 64);
    RandomBlocks.fill(type, seg, (long) rows * cols, new SplittableRandom(seed));
    return WeightMatrix.of("test-" + type + "-" + rows, type, seg, rows, cols);
  }

  static WeightMatrix random(Arena arena, GgmlType type, long seed) {
    MemorySegment seg = arena.allocate(type.byteSize((long) ROWS * COLS), 64);
    RandomBlocks.fill(type, seg, (long) ROWS * COLS, new SplittableRandom(seed));
    return WeightMatrix.of("test-" + type, type, seg, ROWS, COLS);
  }

  static float[] gaussian(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }
}
