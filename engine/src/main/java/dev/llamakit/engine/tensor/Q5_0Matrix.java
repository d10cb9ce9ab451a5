package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.MemorySegment;

/**
 * Q5_0: blocks of 32 weights (22 bytes): F16 {@code d}, 32 fifth bits (little-endian uint32, bit {@code j} for value
 * {@code j}), 16 bytes of nibbles (value {@code j} low, value {@code j + 16} high); weight = d*(q - 16). llama-quantize
 * writes it only as the fallback of Q4_K for rows that are not a multiple of 256; the engine computes it through the
 * scalar reference and the float dot (no quantized kernel).
 */
public final class Q5_0Matrix extends WeightMatrix {
  Q5_0Matrix(String name, MemorySegment data, int rows, int cols) {
    super(name, data, rows, cols);
  }

  @Override
  public GgmlType type() {
    return GgmlType.Q5_0;
  }

  @Override
  public void dequantizeRow(int row, float[] out, int off) {
    byte[] r = rowCopy(row);
    for (int b = 0; b < cols / 32; b++) {
      int bo = 22 * b;
      float d = f16(r, bo);
      int qh = (r[bo + 2] & 0xFF) | (r[bo + 3] & 0xFF) << 8 | (r[bo + 4] & 0xFF) << 16 | (r[bo + 5] & 0xFF) << 24;
      for (int j = 0; j < 16; j++) {
        int q = r[bo + 6 + j] & 0xFF;
        int q0 = ((q & 0xF) | ((qh >>> j) & 1) << 4) - 16;
        int q1 = ((q >>> 4) | ((qh >>> (j + 16)) & 1) << 4) - 16;
        out[off + 32 * b + j] = q0 * d;
        out[off + 32 * b + j + 16] = q1 * d;
      }
    }
  }

  @Override
  public void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch) {
    for (int r = from; r < to; r++) {
      out[r] = q == null ? dot(r, xf, 0, scratch) : dotQuantized(r, q, xf, scratch);
    }
  }
}
