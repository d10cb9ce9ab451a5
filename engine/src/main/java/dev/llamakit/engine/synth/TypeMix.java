package dev.llamakit.engine.synth;

import dev.llamakit.engine.gguf.GgmlType;

/**
 * Which ggml type each weight gets in a synthesized model, after llama-quantize's presets: plain F32/F16/Q8_0, Q4_0
 * with a Q6_K output (Q8_0 when rows are not a multiple of 256), and Q4_K_M (Q4_K, with Q6_K for the output and for
 * {@code attn_v}/{@code ffn_down} of the layers llama.cpp's {@code use_more_bits} selects). A K-quant whose rows are
 * not a multiple of 256 falls back to Q8_0.
 */
public enum TypeMix {
  F32, F16, Q8_0, Q4_0, Q4_K_M;

  /** Parses names such as {@code q4_k_m} or {@code Q8_0}. */
  public static TypeMix parse(String s) {
    try {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown type '" + s + "'; known: F32, F16, Q8_0, Q4_0, Q4_K_M", e);
    }
  }

  /** The type of 2-D tensor {@code name} (layer {@code layer} of {@code layers}, -1 if none) with rows of {@code cols}. */
  public GgmlType typeFor(String name, int layer, int layers, long cols) {
    GgmlType t = switch (this) {
      case F32 -> GgmlType.F32;
      case F16 -> GgmlType.F16;
      case Q8_0 -> GgmlType.Q8_0;
      case Q4_0 -> name.equals("output.weight") ? GgmlType.Q6_K : GgmlType.Q4_0;
      case Q4_K_M -> {
        if (name.equals("output.weight")) {
          yield GgmlType.Q6_K;
        }
        boolean more = layer >= 0 && (layer < layers / 8 || layer >= 7 * layers / 8 || (layer - layers / 8) % 3 == 2);
        yield more && (name.endsWith("attn_v.weight") || name.endsWith("ffn_down.weight")) ? GgmlType.Q6_K
            : GgmlType.Q4_K;
      }
    };
    if (cols % t.blockSize() != 0) {
      return GgmlType.Q8_0.blockSize() <= cols && cols % 32 == 0 ? GgmlType.Q8_0 : GgmlType.F32;
    }
    return t;
  }
}
