package dev.llamakit.engine.tensor;

import java.nio.ByteBuffer;

/**
 * Writes Q5_K super-blocks (176 bytes per 256 values, the layout {@link Q5_KMatrix} reads): the head of
 * {@link AffineSuperBlock} with levels 0..31, 32 bytes of fifth bits (bit {@code 2j} of byte {@code l} for value
 * {@code 64j + l}, bit {@code 2j+1} for value {@code 64j + 32 + l}), then the low nibbles as in Q4_K.
 */
final class Q5_KEncoder {
  private Q5_KEncoder() {}

  /** Encodes {@code x[off .. off+n)}, {@code n} a multiple of 256, into {@code out} at its position. */
  static void encode(float[] x, int off, int n, ByteBuffer out) {
    int[] q = new int[256];
    for (int b = 0; b < n; b += 256) {
      AffineSuperBlock.encode(x, off + b, 31, out, q);
      for (int l = 0; l < 32; l++) {
        int h = 0;
        for (int j = 0; j < 4; j++) {
          h |= (q[64 * j + l] >>> 4) << (2 * j);
          h |= (q[64 * j + 32 + l] >>> 4) << (2 * j + 1);
        }
        out.put((byte) h);
      }
      for (int j = 0; j < 4; j++) {
        for (int l = 0; l < 32; l++) {
          out.put((byte) ((q[64 * j + l] & 0xF) | ((q[64 * j + 32 + l] & 0xF) << 4)));
        }
      }
    }
  }
}
