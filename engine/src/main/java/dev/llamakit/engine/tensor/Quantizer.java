package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Quantization of float rows into ggml blocks: Q8_0, Q4_0, Q5_0 and Q5_1 with ggml's reference rounding
 * ({@code quantize_row_*_ref}), the K-quants Q4_K, Q5_K and Q6_K through llamakit's own encoders
 * ({@link Q4_KEncoder}, {@link Q5_KEncoder}, {@link Q6_KEncoder}: ggml's block formats, a simpler search for the
 * scales), plus the trivial F32/F16/BF16 encodings.
 */
public final class Quantizer {
  private Quantizer() {}

  /** Types {@link #quantize} can produce. */
  public static boolean canProduce(GgmlType t) {
    return switch (t) {
      case F32, F16, BF16, Q8_0, Q4_0, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> true;
      default -> false;
    };
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
          float d = signedAbsMax(x, off + b) / -8f;
          float id = d != 0 ? 1f / d : 0f;
          out.putShort(Float.floatToFloat16(d));
          for (int j = 0; j < 16; j++) {
            int q0 = Math.min(15, (byte) (x[off + b + j] * id + 8.5f));
            int q1 = Math.min(15, (byte) (x[off + b + 16 + j] * id + 8.5f));
            out.put((byte) (q0 | (q1 << 4)));
          }
        }
      }
      case Q5_0 -> {
        for (int b = 0; b < n; b += 32) {
          float d = signedAbsMax(x, off + b) / -16f;
          float id = d != 0 ? 1f / d : 0f;
          int qh = 0;
          byte[] qs = new byte[16];
          for (int j = 0; j < 16; j++) {
            int q0 = Math.min(31, (byte) (x[off + b + j] * id + 16.5f));
            int q1 = Math.min(31, (byte) (x[off + b + 16 + j] * id + 16.5f));
            qs[j] = (byte) ((q0 & 0xF) | ((q1 & 0xF) << 4));
            qh |= ((q0 >>> 4) & 1) << j | ((q1 >>> 4) & 1) << (j + 16);
          }
          out.putShort(Float.floatToFloat16(d)).putInt(qh).put(qs);
        }
      }
      case Q5_1 -> {
        for (int b = 0; b < n; b += 32) {
          float min = Float.MAX_VALUE, max = -Float.MAX_VALUE;
          for (int j = 0; j < 32; j++) {
            min = Math.min(min, x[off + b + j]);
            max = Math.max(max, x[off + b + j]);
          }
          float d = (max - min) / 31f;
          float id = d != 0 ? 1f / d : 0f;
          int qh = 0;
          byte[] qs = new byte[16];
          for (int j = 0; j < 16; j++) {
            int q0 = (int) ((x[off + b + j] - min) * id + 0.5f) & 0xFF;
            int q1 = (int) ((x[off + b + 16 + j] - min) * id + 0.5f) & 0xFF;
            qs[j] = (byte) ((q0 & 0xF) | ((q1 & 0xF) << 4));
            qh |= ((q0 >>> 4) & 1) << j | ((q1 >>> 4) & 1) << (j + 16);
          }
          out.putShort(Float.floatToFloat16(d)).putShort(Float.floatToFloat16(min)).putInt(qh).put(qs);
        }
      }
      case Q4_K -> Q4_KEncoder.encode(x, off, n, out);
      case Q5_K -> Q5_KEncoder.encode(x, off, n, out);
      case Q6_K -> Q6_KEncoder.encode(x, off, n, out);
      default -> throw new UnsupportedTensorTypeException("(quantize target)", type);
    }
  }

  /** The value of largest magnitude among the 32 at {@code from}, with its sign (ggml's Q4_0/Q5_0 block scale). */
  private static float signedAbsMax(float[] x, int from) {
    float amax = 0;
    float max = 0;
    for (int j = 0; j < 32; j++) {
      float v = x[from + j];
      if (Math.abs(v) > amax) {
        amax = Math.abs(v);
        max = v;
      }
    }
    return max;
  }
}
