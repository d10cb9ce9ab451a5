package dev.llamakit.engine.tensor;

import java.nio.ByteBuffer;

/**
 * Writes Q4_K super-blocks (144 bytes per 256 values, the layout {@link Q4_KMatrix} reads): the head of
 * {@link AffineSuperBlock} with levels 0..15, then 128 bytes where byte {@code 32j + l} holds value {@code 64j + l}
 * in its low nibble and value {@code 64j + 32 + l} in its high nibble.
 */
final class Q4_KEncoder {
  private Q4_KEncoder() {}

  /** Encodes {@code x[off .. off+n)}, {@code n} a multiple of 256, into {@code out} at its position. */
  static void encode(float[] x, int off, int n, ByteBuffer out) {
    int[] q = new int[256];
    for (int b = 0; b < n; b += 256) {
      AffineSuperBlock.encode(x, off + b, 15, out, q);
      for (int j = 0; j < 4; j++) {
        for (int l = 0; l < 32; l++) {
          out.put((byte) (q[64 * j + l] | (q[64 * j + 32 + l] << 4)));
        }
      }
    }
  }
}
