package dev.llamakit.engine.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds GGUF files byte by byte, for reproducers of damage {@link GgufWriter} cannot produce: impossible counts,
 * lengths, dimensions and offsets. Everything little-endian, as in the format.
 */
final class GgufBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** The 24-byte header: magic, version 3, the tensor count and the metadata count. */
  static GgufBytes header(long tensors, long keys) {
    return new GgufBytes().i32(GgufFile.MAGIC).i32(3).i64(tensors).i64(keys);
  }

  GgufBytes i32(int v) {
    out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    return this;
  }

  GgufBytes i64(long v) {
    out.writeBytes(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array());
    return this;
  }

  GgufBytes string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    i64(b.length);
    out.writeBytes(b);
    return this;
  }

  /** A metadata entry with a UINT32 value. */
  GgufBytes u32Key(String key, int v) {
    return string(key).i32(4).i32(v);
  }

  /** A tensor-table record of an F32 (type 0) tensor. */
  GgufBytes tensor(String name, long offset, long... dims) {
    return typedTensor(name, 0, offset, dims);
  }

  /** A tensor-table record of ggml type {@code type}. */
  GgufBytes typedTensor(String name, int type, long offset, long... dims) {
    string(name).i32(dims.length);
    for (long d : dims) {
      i64(d);
    }
    return i32(type).i64(offset);
  }

  /** Zero bytes up to the next multiple of {@code alignment}, then {@code n} data bytes. */
  GgufBytes data(int alignment, int n) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    out.writeBytes(new byte[n]);
    return this;
  }

  /** {@code n} zero bytes. */
  GgufBytes pad(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
