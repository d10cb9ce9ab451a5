package dev.llamakit.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Helpers shared by the K-quant formats (256-value super-blocks with 6-bit packed sub-block scales and mins). */
final class KQuants {
  private KQuants() {}

  static int u8(MemorySegment s, long off) {
    return s.get(ValueLayout.JAVA_BYTE, off) & 0xFF;
  }

  /**
   * ggml's {@code get_scale_min_k4}: the 6-bit scale (into {@code out[0]}) and min ({@code out[1]}) of sub-block
   * {@code j} (0..7) from the 12 packed bytes at {@code off}.
   */
  static void scaleMin(byte[] s, int off, int j, int[] out) {
    if (j < 4) {
      out[0] = s[off + j] & 63;
      out[1] = s[off + j + 4] & 63;
    } else {
      out[0] = (s[off + j + 4] & 0xF) | (((s[off + j - 4] & 0xFF) >>> 6) << 4);
      out[1] = ((s[off + j + 4] & 0xFF) >>> 4) | (((s[off + j] & 0xFF) >>> 6) << 4);
    }
  }

  /** All 8 scales into {@code sc[0..8)} and mins into {@code m[0..8)} (two unaligned bulk reads). */
  static void scalesMins(MemorySegment s, long off, int[] sc, int[] m) {
    long lo = s.get(WeightMatrix.I64, off);
    int hi = s.get(WeightMatrix.I32, off + 8);
    for (int j = 0; j < 4; j++) {
      int a = (int) (lo >>> (8 * j)) & 0xFF, b = (int) (lo >>> (8 * j + 32)) & 0xFF, c = (hi >>> (8 * j)) & 0xFF;
      sc[j] = a & 63;
      m[j] = b & 63;
      sc[j + 4] = (c & 0xF) | ((a >>> 6) << 4);
      m[j + 4] = (c >>> 4) | ((b >>> 6) << 4);
    }
  }
}
