package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reference quantization of float rows into ggml blocks, following ggml's {@code quantize_row_q8_0_ref} and
 * {@code quantize_row_q4_0_ref}, plus the trivial F32/F16/BF16 encodings.
 */
public final class Quantizer {
  private Quantizer() {}

  /** Types {@link #quantize} can produce. */
  public static boolean canProduce(GgmlType t) {
    return t == GgmlType.F32 || t == GgmlType.F16 || t == GgmlType.BF16 || t == GgmlType.Q8_0 || t == GgmlType.Q4_0;
  }

  /** Encodes {@code x[off .. off+n)} in {@code type} into {@code out} (little-endian, at its position). */
  public static void quantize(GgmlType type, float[] x, int off, int n, ByteBuffer out) {
    out.order(ByteOrder.LITTLE_ENDIAN);
    if (n % type.blockSize() != 0) {
      throw new IllegalArgumentException(n + " values are not a multiple of the " + type + " block size");
    }
    switch (type) {
      case F32 -> {
        for (int i = 0; i < n; i++) {
          out.putFloat(x[off + i]);
        }
      }
      case F16 -> {
        for (int i = 0; i < n; i++) {
          out.putShort(Float.floatToFloat16(x[off + i]));
        }
      }
      case BF16 -> {
        for (int i = 0; i < n; i++) {
          int bits = Float.floatToRawIntBits(x[off + i]);
          // round to nearest even, as ggml's fp32_to_bf16 (NaN not expected in weights)
          bits += 0x7FFF + ((bits >>> 16) & 1);
          out.putShort((short) (bits >>> 16));
        }
      }
      case Q8_0 -> {
        for (int b = 0; b < n; b += 32) {
          float amax = 0;
          for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[off + b + j]));
          }
          float d = amax / 127f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Float.floatToFloat16(d));
          for (int j = 0; j < 32; j++) {
            float v = x[off + b + j] * id;
            out.put((byte) (v >= 0 ? Math.floor(v + 0.5f) : -Math.floor(-v + 0.5f))); // roundf
          }
        }
      }
      case Q4_0 -> {
        for (int b = 0; b < n; b += 32) {
          float amax = 0, max = 0;
          for (int j = 0; j < 32; j++) {
            float v = x[off + b + j];
            if (Math.abs(v) > amax) {
              amax = Math.abs(v);
              max = v;
            }
          }
          float d = max / -8f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Float.floatToFloat16(d));
          for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, (byte) (x[off + b + j] * id + 8.5f));
            int q1 = Math.min(15, (byte) (x[off + b + 16 + j] * id + 8.5f));
            out.put((byte) (q0 | (q1 << 4)));
          }
        }
      }
      default -> throw new UnsupportedTensorTypeException("(quantize target)", type);
    }
  }
}
