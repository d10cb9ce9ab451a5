package dev.llamakit.engine.tensor;

import java.nio.ByteBuffer;

/**
 * The part Q4_K and Q5_K share when encoding a super-block of 256 values: eight 32-value sub-blocks fitted by
 * {@link AffineFit}, their scales and mins quantized to 6 bits against two F16 super-block factors ({@code d} =
 * largest scale / 63, {@code dmin} = largest min / 63), the 16-byte head ({@code d}, {@code dmin}, the 12 packed bytes
 * of ggml's {@code get_scale_min_k4} layout) and every value's level in {@code 0..nmax} recomputed against the stored
 * (rounded) factors, so that the decoder's {@code d*sc*q - dmin*m} is what the levels were chosen for.
 */
final class AffineSuperBlock {
  private AffineSuperBlock() {}

  /**
   * Encodes {@code x[off .. off+256)}: puts the 16-byte head into {@code out} (little-endian, at its position) and
   * writes the 256 levels into {@code levels}.
   */
  static void encode(float[] x, int off, int nmax, ByteBuffer out, int[] levels) {
    float[] scales = new float[8], mins = new float[8], fit = new float[2];
    float maxScale = 0, maxMin = 0;
    for (int j = 0; j < 8; j++) {
      AffineFit.fit(x, off + 32 * j, 32, nmax, fit);
      scales[j] = fit[0];
      mins[j] = fit[1];
      maxScale = Math.max(maxScale, fit[0]);
      maxMin = Math.max(maxMin, fit[1]);
    }
    short dBits = Float.floatToFloat16(maxScale / 63f), dminBits = Float.floatToFloat16(maxMin / 63f);
    float d = Float.float16ToFloat(dBits), dmin = Float.float16ToFloat(dminBits);
    int[] sc = new int[8], m = new int[8];
    for (int j = 0; j < 8; j++) {
      sc[j] = d > 0 ? Math.min(63, Math.round(scales[j] / d)) : 0;
      m[j] = dmin > 0 ? Math.min(63, Math.round(mins[j] / dmin)) : 0;
      float step = d * sc[j], shift = dmin * m[j];
      for (int i = 0; i < 32; i++) {
        int k = 32 * j + i;
        levels[k] = step > 0 ? AffineFit.clamp(Math.round((x[off + k] + shift) / step), nmax) : 0;
      }
    }
    out.putShort(dBits).putShort(dminBits);
    byte[] packed = new byte[12];
    for (int j = 0; j < 4; j++) {
      packed[j] = (byte) ((sc[j] & 63) | ((sc[j + 4] >>> 4) << 6));
      packed[j + 4] = (byte) ((m[j] & 63) | ((m[j + 4] >>> 4) << 6));
      packed[j + 8] = (byte) ((sc[j + 4] & 0xF) | ((m[j + 4] & 0xF) << 4));
    }
    out.put(packed);
  }
}
