package dev.llamakit.engine.gguf;

/**
 * The ggml tensor element types, with their GGUF ids and block geometry (elements per block, bytes per block).
 *
 * <p>Only the types llamakit's kernels implement are listed as {@link #supported()}; the others are known so that a
 * file using them gets a clear "unsupported type" error instead of a garbled read.
 */
public enum GgmlType {
  F32(0, 1, 4, true),
  F16(1, 1, 2, true),
  Q4_0(2, 32, 18, true),
  Q4_1(3, 32, 20, false),
  Q5_0(6, 32, 22, true),
  Q5_1(7, 32, 24, true),
  Q8_0(8, 32, 34, true),
  Q8_1(9, 32, 36, false),
  Q2_K(10, 256, 84, false),
  Q3_K(11, 256, 110, false),
  Q4_K(12, 256, 144, true),
  Q5_K(13, 256, 176, true),
  Q6_K(14, 256, 210, true),
  Q8_K(15, 256, 292, false),
  I8(24, 1, 1, false),
  I16(25, 1, 2, false),
  I32(26, 1, 4, false),
  I64(27, 1, 8, false),
  F64(28, 1, 8, false),
  BF16(30, 1, 2, true);

  private final int id;
  private final int blockSize;
  private final int typeSize;
  private final boolean supported;

  GgmlType(int id, int blockSize, int typeSize, boolean supported) {
    this.id = id;
    this.blockSize = blockSize;
    this.typeSize = typeSize;
    this.supported = supported;
  }

  /** The numeric id stored in a GGUF tensor-info record. */
  public int id() {
    return id;
  }

  /** Elements per block (1 for plain float types, 32 for Q*_0/1, 256 for K-quants). */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes per block. */
  public int typeSize() {
    return typeSize;
  }

  /** True when llamakit's engine can compute with tensors of this type. */
  public boolean supported() {
    return supported;
  }

  /** Bytes needed for {@code elements} elements; the count must be a whole number of blocks. */
  public long byteSize(long elements) {
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(
          name() + " stores elements in blocks of " + blockSize + "; " + elements + " is not a multiple");
    }
    return elements / blockSize * typeSize;
  }

  /** The type with GGUF id {@code id}, or null when the id is not a known ggml type. */
  public static GgmlType byId(int id) {
    for (GgmlType t : values()) {
      if (t.id == id) {
        return t;
      }
    }
    return null;
  }
}
