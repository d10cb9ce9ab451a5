package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A read-only 2-D weight matrix stored in a ggml type over a {@link MemorySegment} (usually a slice of a mapped GGUF
 * file): {@code rows} rows of {@code cols} elements, each row a whole number of the type's blocks.
 *
 * <p>Every type offers a scalar reference {@link #dequantizeRow} (bit-exact with ggml's {@code to_float}, used by the
 * tests and by the batched prefill path), an F32-activation {@link #dot}, and a fast {@link #dotQuantized} on the
 * quantized blocks with activations in {@link #activationFormat()}.
 */
public abstract sealed class WeightMatrix
    permits F32Matrix, F16Matrix, BF16Matrix, Q8_0Matrix, Q4_0Matrix, Q5_0Matrix, Q5_1Matrix, Q4_KMatrix, Q5_KMatrix,
    Q6_KMatrix, RepackedMatrix {
  static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /**
   * Whether this machine runs 512-bit vectors natively. The resident layouts' wide kernels check it: where it is false
   * the Vector API would emulate them, slowly.
   */
  static final boolean NATIVE_512 = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 512;

  protected final String name;
  protected final MemorySegment data;
  protected final int rows;
  protected final int cols;
  protected final long rowBytes;

  WeightMatrix(String name, MemorySegment data, int rows, int cols) {
    this(name, data, rows, cols, -1);
  }

  /** With {@code rowBytes < 0} the type's own row size; otherwise the size of a row in a repacked layout. */
  WeightMatrix(String name, MemorySegment data, int rows, int cols, long rowBytes) {
    this.name = name;
    this.data = data;
    this.rows = rows;
    this.cols = cols;
    GgmlType t = type();
    if (cols % t.blockSize() != 0) {
      throw new IllegalArgumentException("tensor " + name + " (" + t + ") has rows of " + cols
          + " elements, not a multiple of the block size " + t.blockSize());
    }
    this.rowBytes = rowBytes < 0 ? t.byteSize(cols) : rowBytes;
    if (data.byteSize() < this.rowBytes * rows) {
      throw new IllegalArgumentException("tensor " + name + " (" + t + ", " + rows + "x" + cols + ") needs "
          + this.rowBytes * rows + " bytes but has " + data.byteSize());
    }
  }

  /** Wraps {@code data} as a {@code rows x cols} matrix of {@code type}; fails naming the tensor for unsupported types. */
  public static WeightMatrix of(String name, GgmlType type, MemorySegment data, int rows, int cols) {
    return switch (type) {
      case F32 -> new F32Matrix(name, data, rows, cols);
      case F16 -> new F16Matrix(name, data, rows, cols);
      case BF16 -> new BF16Matrix(name, data, rows, cols);
      case Q8_0 -> new Q8_0Matrix(name, data, rows, cols);
      case Q4_0 -> new Q4_0Matrix(name, data, rows, cols);
      case Q5_0 -> new Q5_0Matrix(name, data, rows, cols);
      case Q5_1 -> new Q5_1Matrix(name, data, rows, cols);
      case Q4_K -> new Q4_KMatrix(name, data, rows, cols);
      case Q5_K -> new Q5_KMatrix(name, data, rows, cols);
      case Q6_K -> new Q6_KMatrix(name, data, rows, cols);
      default -> throw new UnsupportedTensorTypeException(name, type);
    };
  }

  public abstract GgmlType type();

  public String name() {
    return name;
  }

  public int rows() {
    return rows;
  }

  public int cols() {
    return cols;
  }

  /**
   * This matrix held in process memory from {@code memory} for fast decoding: a page-aligned copy of the bytes, or
   * for types with a faster layout (Q4_0, Q4_K and Q5_K with 512-bit vectors, Q6_K) that layout. Values and results are unchanged;
   * {@link #residentBytes()} bytes (plus alignment up to {@link #RESIDENT_ALIGNMENT}) are taken from {@code memory}.
   */
  public WeightMatrix resident(SegmentAllocator memory) {
    MemorySegment copy = memory.allocate(byteSize(), RESIDENT_ALIGNMENT).copyFrom(data.asSlice(0, byteSize()));
    return of(name, type(), copy, rows, cols);
  }

  /** Alignment of every {@link #resident} copy: a page, as in a mapped file. */
  public static final long RESIDENT_ALIGNMENT = 4096;

  /** Bytes {@link #resident} allocates. */
  public long residentBytes() {
    return byteSize();
  }

  /** Rewrites one row from a source layout into a repacked one. */
  @FunctionalInterface
  interface RowRepacker {
    void repack(byte[] src, int srcOff, byte[] dst, int dstOff);
  }

  /**
   * A new {@code outRowBytes * rows} segment from {@code memory} holding every row of this matrix rewritten by
   * {@code r}; rows are processed in chunks, on all cores unless a segment is confined to this thread.
   */
  final MemorySegment repackRows(SegmentAllocator memory, long outRowBytes, RowRepacker r) {
    MemorySegment out = memory.allocate(outRowBytes * rows, RESIDENT_ALIGNMENT);
    int chunk = Math.max(1, (int) Math.min(rows, (1 << 20) / Math.max(rowBytes, outRowBytes)));
    // in parallel when both segments may be used from other threads (not confined to this one)
    Thread other = new Thread(() -> { });
    java.util.stream.IntStream chunks = java.util.stream.IntStream.range(0, (rows + chunk - 1) / chunk);
    if (data.isAccessibleBy(other) && out.isAccessibleBy(other)) {
      chunks = chunks.parallel();
    }
    chunks.forEach(c -> {
      int from = c * chunk, n = Math.min(chunk, rows - from);
      byte[] src = new byte[(int) (rowBytes * n)];
      byte[] dst = new byte[(int) (outRowBytes * n)];
      MemorySegment.copy(data, ValueLayout.JAVA_BYTE, from * rowBytes, src, 0, src.length);
      for (int i = 0; i < n; i++) {
        r.repack(src, (int) (i * rowBytes), dst, (int) (i * outRowBytes));
      }
      MemorySegment.copy(dst, 0, out, ValueLayout.JAVA_BYTE, from * outRowBytes, dst.length);
    });
    return out;
  }

  /** Bytes of one row. */
  public long rowBytes() {
    return rowBytes;
  }

  /** Bytes of the whole matrix. */
  public long byteSize() {
    return rowBytes * rows;
  }

  /** The raw storage. */
  public MemorySegment segment() {
    return data;
  }

  /** Scalar reference: writes row {@code row} as floats to {@code out[off .. off+cols)}, exactly as ggml does. */
  public abstract void dequantizeRow(int row, float[] out, int off);

  /**
   * Fast decode of row {@code row} into {@code out[off .. off+cols)}, bit-identical to {@link #dequantizeRow} (used by
   * the batched prefill path); types without a vector decoder use the reference.
   */
  public void decodeRow(int row, float[] out, int off) {
    dequantizeRow(row, out, off);
  }

  /**
   * Dot product of row {@code row} with float activations {@code x[xOff .. xOff+cols)}. The default dequantizes the
   * row into {@code scratch} (length >= cols) and calls the vectorized float dot.
   */
  public float dot(int row, float[] x, int xOff, float[] scratch) {
    dequantizeRow(row, scratch, 0);
    return FloatKernels.dot(scratch, 0, x, xOff, cols);
  }

  /** How {@link #dotQuantized} wants its activations. */
  public ActivationFormat activationFormat() {
    return ActivationFormat.F32;
  }

  /**
   * Fast dot product of row {@code row} with activations prepared in {@link #activationFormat()}. For F32 formats
   * {@code xf} is used and {@code q} may be null.
   */
  public float dotQuantized(int row, QuantizedActivations q, float[] xf, float[] scratch) {
    return dot(row, xf, 0, scratch);
  }

  /**
   * {@code out[r] = } the fast dot of row {@code r} for {@code r} in {@code [from, to)}: {@link #dotQuantized} with
   * {@code q}, or {@link #dot} with {@code xf} when {@code q} is null. Every concrete type overrides this with the same
   * loop so that the JIT compiles one loop per type with its kernel inlined: a loop shared by all types would see
   * several receiver types and compile the kernels into one polluted body (measured ~40% slower on Q4_0 decode).
   */
  public abstract void dotRows(int from, int to, QuantizedActivations q, float[] xf, float[] out, float[] scratch);

  static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  /** A copy of row {@code row}'s bytes (bulk copy: much faster than byte-by-byte segment reads). */
  final byte[] rowCopy(int row) {
    byte[] b = new byte[(int) rowBytes];
    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, row * rowBytes, b, 0, b.length);
    return b;
  }

  static float f16(byte[] b, int off) {
    return Float.float16ToFloat((short) ((b[off] & 0xFF) | (b[off + 1] << 8)));
  }

  static float f16(MemorySegment s, long off) {
    return Float.float16ToFloat(s.get(I16, off));
  }
}
