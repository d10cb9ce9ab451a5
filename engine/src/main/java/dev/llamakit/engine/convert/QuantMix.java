package dev.llamakit.engine.convert;

import dev.llamakit.engine.gguf.FileType;
import dev.llamakit.engine.gguf.GgmlType;
import java.util.Arrays;
import java.util.Locale;

/**
 * The quantization types {@code engine quantize} writes, named as llama-quantize names them. {@link #Q4_K_M},
 * {@link #Q5_K_M} and {@link #Q6_K} follow llama.cpp's per-tensor choices ({@link MixRules}, fallbacks for rows that
 * are not a multiple of 256); {@link #Q8_0} and {@link #Q4_0} put every quantizable weight in that one type (as
 * llama-quantize {@code --pure}) and keep the tensors whose rows are not a multiple of 32 as they are.
 */
public enum QuantMix {
  Q8_0(GgmlType.Q8_0, FileType.MOSTLY_Q8_0, false),
  Q4_0(GgmlType.Q4_0, FileType.MOSTLY_Q4_0, false),
  Q4_K_M(GgmlType.Q4_K, FileType.MOSTLY_Q4_K_M, true),
  Q5_K_M(GgmlType.Q5_K, FileType.MOSTLY_Q5_K_M, true),
  Q6_K(GgmlType.Q6_K, FileType.MOSTLY_Q6_K, true);

  private final GgmlType base;
  private final FileType fileType;
  private final boolean llamaCppRules;

  QuantMix(GgmlType base, FileType fileType, boolean llamaCppRules) {
    this.base = base;
    this.fileType = fileType;
    this.llamaCppRules = llamaCppRules;
  }

  /** The type most tensors get. */
  public GgmlType base() {
    return base;
  }

  /** What the output's {@code general.file_type} says, as llama-quantize writes it. */
  public FileType fileType() {
    return fileType;
  }

  /** True when llama.cpp's per-tensor choices and fallbacks apply; false for a single ("pure") type. */
  public boolean llamaCppRules() {
    return llamaCppRules;
  }

  /** Parses {@code q4_k_m}, {@code Q6_K}, ...; fails naming the known mixes. */
  public static QuantMix parse(String s) {
    try {
      return valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown quantization type '" + s + "'; known: " + names(), e);
    }
  }

  /** The known names, comma-separated. */
  public static String names() {
    return String.join(", ", Arrays.stream(values()).map(Enum::name).toList());
  }
}
