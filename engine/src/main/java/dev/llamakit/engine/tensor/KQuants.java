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

  /** Scale of sub-block {@code j} from the packed bytes read as {@code lo} (bytes 0..7) and {@code hi} (8..11). */
  static int scale(long lo, int hi, int j) {
    if (j < 4) {
      return (int) (lo >>> (8 * j)) & 63;
    }
    int k = 8 * (j - 4);
    return ((hi >>> k) & 0xF) | ((((int) (lo >>> k) & 0xFF) >>> 6) << 4);
  }

  /** Min of sub-block {@code j}, same packing as {@link #scale}. */
  static int min(long lo, int hi, int j) {
    if (j < 4) {
      return (int) (lo >>> (8 * j + 32)) & 63;
    }
    int k = 8 * (j - 4);
    return (((hi >>> k) & 0xFF) >>> 4) | ((((int) (lo >>> (k + 32)) & 0xFF) >>> 6) << 4);
  }
}
