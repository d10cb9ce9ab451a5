package dev.llamakit.engine.gguf;

import java.util.Arrays;

/**
 * One entry of a GGUF tensor table.
 *
 * @param name the tensor's GGUF name, e.g. {@code blk.0.attn_q.weight}
 * @param type element type
 * @param shape dimensions in GGUF order: {@code shape[0]} is the contiguous (row) length, ggml's {@code ne0}
 * @param offset absolute byte offset of the first element in the file
 * @param byteSize bytes the tensor occupies
 */
public record TensorInfo(String name, GgmlType type, long[] shape, long offset, long byteSize) {
  public TensorInfo {
    shape = shape.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements ({@link GgufFile} only lists tensors whose count fits a long). */
  public long elements() {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Length of one row ({@code ne0}). */
  public long rowLength() {
    return shape[0];
  }

  /** Number of rows (product of all dimensions but the first). */
  public long rows() {
    return elements() / shape[0];
  }

  @Override
  public String toString() {
    return name + " " + type + " " + Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorInfo t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape)
        && t.offset == offset && t.byteSize == byteSize;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Long.hashCode(offset);
  }
}
