package dev.llamakit.engine.tensor;

import java.nio.ByteBuffer;

/**
 * Writes Q6_K super-blocks (210 bytes per 256 values, the layout {@link Q6_KMatrix} reads). Each 16-value sub-block
 * is fitted by {@link SymmetricFit} (levels -32..31); the 16 scales become int8 against one F16 factor
 * {@code d} = largest |scale| / 127, and every level is recomputed against the stored {@code d * sc}. Layout per
 * 128-value half {@code n}: for {@code l} in 0..31, {@code ql[64n + l]} holds values {@code l} (low nibble) and
 * {@code l + 64} (high), {@code ql[64n + 32 + l]} values {@code l + 32} and {@code l + 96}, and {@code qh[32n + l]}
 * their two high bits in the order l, l+32, l+64, l+96 (bits 0-1, 2-3, 4-5, 6-7); then the 16 scales and {@code d}.
 */
final class Q6_KEncoder {
  private Q6_KEncoder() {}

  /** Encodes {@code x[off .. off+n)}, {@code n} a multiple of 256, into {@code out} at its position. */
  static void encode(float[] x, int off, int n, ByteBuffer out) {
    int[] u = new int[256];
    float[] scales = new float[16];
    byte[] ql = new byte[128], qh = new byte[64], sc = new byte[16];
    for (int b = 0; b < n; b += 256) {
      int base = off + b;
      float maxAbs = 0;
      for (int j = 0; j < 16; j++) {
        scales[j] = SymmetricFit.fit(x, base + 16 * j, 16, 31);
        maxAbs = Math.max(maxAbs, Math.abs(scales[j]));
      }
      short dBits = Float.floatToFloat16(maxAbs / 127f);
      float d = Float.float16ToFloat(dBits);
      for (int j = 0; j < 16; j++) {
        int s = d > 0 ? Math.max(-128, Math.min(127, Math.round(scales[j] / d))) : 0;
        sc[j] = (byte) s;
        float step = d * s;
        for (int i = 0; i < 16; i++) {
          int k = 16 * j + i;
          u[k] = (step != 0 ? SymmetricFit.clamp(Math.round(x[base + k] / step), 31) : 0) + 32;
        }
      }
      for (int h = 0; h < 2; h++) {
        for (int l = 0; l < 32; l++) {
          int y = 128 * h + l;
          ql[64 * h + l] = (byte) ((u[y] & 0xF) | ((u[y + 64] & 0xF) << 4));
          ql[64 * h + 32 + l] = (byte) ((u[y + 32] & 0xF) | ((u[y + 96] & 0xF) << 4));
          qh[32 * h + l] = (byte) ((u[y] >>> 4) | ((u[y + 32] >>> 4) << 2) | ((u[y + 64] >>> 4) << 4)
              | ((u[y + 96] >>> 4) << 6));
        }
      }
      out.put(ql).put(qh).put(sc).putShort(dBits);
    }
  }
}
