package dev.llamakit.engine.gguf;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GGUF file's {@code general.file_type}: the weight type a model file is "mostly" in, numbered as llama.cpp's
 * {@code llama_ftype} (ALL_F32 = 0, MOSTLY_F16 = 1, MOSTLY_Q4_0 = 2, MOSTLY_Q8_0 = 7, MOSTLY_Q4_K_M = 15, MOSTLY_Q5_K_M
 * = 17, MOSTLY_Q6_K = 18, MOSTLY_BF16 = 32, ...), with the labels llama.cpp prints for them ({@code "Q4_K - Medium"}).
 *
 * <p>A file without the key gets a type guessed from its tensors, as llama.cpp's loader does: the most common tensor
 * type, mapped K-quants to their {@code _M} mix ({@code Q4_K} to {@code Q4_K_M}, {@code Q3_K} to {@code Q3_K_M}); a
 * type without a file type counts as F32. llamakit counts only the 2-D tensors, where llama.cpp counts all of them:
 * the file types are defined "except 1-D tensors", and the two agree on every real model, whose matrices outnumber
 * its norms; on a toy model with few layers llama.cpp's count can be won by the F32 norms. {@link GgufWriter} writes
 * the guessed type into every file it writes unless the caller sets the key.
 */
public enum FileType {
  ALL_F32(0, "all F32"),
  MOSTLY_F16(1, "F16"),
  MOSTLY_Q4_0(2, "Q4_0"),
  MOSTLY_Q4_1(3, "Q4_1"),
  MOSTLY_Q8_0(7, "Q8_0"),
  MOSTLY_Q5_0(8, "Q5_0"),
  MOSTLY_Q5_1(9, "Q5_1"),
  MOSTLY_Q2_K(10, "Q2_K - Medium"),
  MOSTLY_Q3_K_S(11, "Q3_K - Small"),
  MOSTLY_Q3_K_M(12, "Q3_K - Medium"),
  MOSTLY_Q3_K_L(13, "Q3_K - Large"),
  MOSTLY_Q4_K_S(14, "Q4_K - Small"),
  MOSTLY_Q4_K_M(15, "Q4_K - Medium"),
  MOSTLY_Q5_K_S(16, "Q5_K - Small"),
  MOSTLY_Q5_K_M(17, "Q5_K - Medium"),
  MOSTLY_Q6_K(18, "Q6_K"),
  MOSTLY_IQ2_XXS(19, "IQ2_XXS - 2.0625 bpw"),
  MOSTLY_IQ2_XS(20, "IQ2_XS - 2.3125 bpw"),
  MOSTLY_Q2_K_S(21, "Q2_K - Small"),
  MOSTLY_IQ3_XS(22, "IQ3_XS - 3.3 bpw"),
  MOSTLY_IQ3_XXS(23, "IQ3_XXS - 3.0625 bpw"),
  MOSTLY_IQ1_S(24, "IQ1_S - 1.5625 bpw"),
  MOSTLY_IQ4_NL(25, "IQ4_NL - 4.5 bpw"),
  MOSTLY_IQ3_S(26, "IQ3_S - 3.4375 bpw"),
  MOSTLY_IQ3_M(27, "IQ3_S mix - 3.66 bpw"),
  MOSTLY_IQ2_S(28, "IQ2_S - 2.5 bpw"),
  MOSTLY_IQ2_M(29, "IQ2_M - 2.7 bpw"),
  MOSTLY_IQ4_XS(30, "IQ4_XS - 4.25 bpw"),
  MOSTLY_IQ1_M(31, "IQ1_M - 1.75 bpw"),
  MOSTLY_BF16(32, "BF16"),
  MOSTLY_TQ1_0(36, "TQ1_0 - 1.69 bpw ternary"),
  MOSTLY_TQ2_0(37, "TQ2_0 - 2.06 bpw ternary");

  /** The metadata key. */
  public static final String KEY = "general.file_type";

  private static final Map<GgmlType, FileType> BY_TENSOR_TYPE = new EnumMap<>(Map.ofEntries(
      Map.entry(GgmlType.F32, ALL_F32), Map.entry(GgmlType.F16, MOSTLY_F16), Map.entry(GgmlType.BF16, MOSTLY_BF16),
      Map.entry(GgmlType.Q4_0, MOSTLY_Q4_0), Map.entry(GgmlType.Q4_1, MOSTLY_Q4_1),
      Map.entry(GgmlType.Q5_0, MOSTLY_Q5_0), Map.entry(GgmlType.Q5_1, MOSTLY_Q5_1),
      Map.entry(GgmlType.Q8_0, MOSTLY_Q8_0), Map.entry(GgmlType.Q2_K, MOSTLY_Q2_K),
      Map.entry(GgmlType.Q3_K, MOSTLY_Q3_K_M), Map.entry(GgmlType.Q4_K, MOSTLY_Q4_K_M),
      Map.entry(GgmlType.Q5_K, MOSTLY_Q5_K_M), Map.entry(GgmlType.Q6_K, MOSTLY_Q6_K)));

  private final int id;
  private final String label;

  FileType(int id, String label) {
    this.id = id;
    this.label = label;
  }

  /** The number stored in {@code general.file_type} (llama.cpp's {@code LLAMA_FTYPE_*} value). */
  public int id() {
    return id;
  }

  /** The name llama.cpp prints for this file type, e.g. {@code "Q4_K - Medium"} or {@code "all F32"}. */
  public String label() {
    return label;
  }

  /** The file type numbered {@code id}, or empty when llama.cpp has no such (current) file type. */
  public static Optional<FileType> byId(long id) {
    for (FileType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The file type of a model whose 2-D tensors have {@code matrixTypes} (in file order): the most common type (on a
   * tie, the one that reached the count first) as llama.cpp maps it; {@link #ALL_F32} for no tensors.
   */
  public static FileType guess(List<GgmlType> matrixTypes) {
    Map<GgmlType, Integer> counts = new EnumMap<>(GgmlType.class);
    GgmlType most = GgmlType.F32;
    int best = 0;
    for (GgmlType t : matrixTypes) {
      int n = counts.merge(t, 1, Integer::sum);
      if (n > best) {
        best = n;
        most = t;
      }
    }
    return BY_TENSOR_TYPE.getOrDefault(most, ALL_F32);
  }

  /** {@link #guess} over the 2-D (and higher) tensors of {@code tensors}. */
  public static FileType guessFromTensors(List<TensorInfo> tensors) {
    return guess(tensors.stream().filter(t -> t.shape().length >= 2).map(TensorInfo::type).toList());
  }

  /**
   * How llama.cpp names the file type of {@code file}: the {@code general.file_type} it declares ({@code "Q4_0"}, or
   * {@code "unknown (general.file_type 99)"} for a number llama.cpp does not define), else the guess from its tensors
   * followed by {@code " (guessed)"}.
   */
  public static String describe(GgufFile file) {
    Optional<Object> declared = file.metadata().find(KEY);
    if (declared.isPresent() && declared.get() instanceof Number n) {
      return byId(n.longValue()).map(FileType::label).orElse("unknown (" + KEY + " " + n + ")");
    }
    return guessFromTensors(file.tensors()).label() + " (guessed)";
  }
}
