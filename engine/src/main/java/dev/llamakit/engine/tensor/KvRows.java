package dev.llamakit.engine.tensor;

import dev.llamakit.engine.gguf.GgmlType;
import java.nio.ByteBuffer;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * One layer's keys or values in a KV cache: {@code capacity} rows (positions) of {@code rowLength} floats, stored as
 * F32, F16 or Q8_0 as llama.cpp's {@code --cache-type-k/--cache-type-v} store them, and the two products attention
 * takes of them, on a column range {@code [col, col+n)} (one KV head):
 *
 * <ul>
 *   <li>{@link #scores}: {@code out[j] = scale * dot(q, row j)} for every cached row {@code j < rows} (queries times
 *       keys);
 *   <li>{@link #weightedSum}: {@code out = sum_j w[j] * row j} (attention weights times values).
 * </ul>
 *
 * <p>F16 rows are written rounded to nearest (ties to even, {@link Float#floatToFloat16}, as ggml's F16C conversion;
 * beyond +-65504 a value becomes infinite, as in llama.cpp) and read back exactly. Q8_0 rows are ggml Q8_0 blocks
 * written by {@link Quantizer} (32 values per block, an F16 scale {@code amax/127}), so a head's columns must be
 * whole blocks: {@link #checkColumns}. The Vector API loops run at the preferred width; {@link #scoresReference} and
 * {@link #weightedSumReference} are the scalar definitions the tests hold them to.
 */
public abstract sealed class KvRows permits KvRows.F32Rows, KvRows.F16Rows, KvRows.Q8_0Rows {
  static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  static final int L = S.length();

  final int capacity;
  final int rowLength;

  KvRows(int capacity, int rowLength) {
    this.capacity = capacity;
    this.rowLength = rowLength;
  }

  /** The KV-cache types llama.cpp's CPU backend offers and llamakit implements. */
  public static boolean supports(GgmlType type) {
    return type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.Q8_0;
  }

  /** Zeroed rows of {@code type} (F32, F16 or Q8_0; Q8_0 needs {@code rowLength % 32 == 0}). */
  public static KvRows allocate(GgmlType type, int capacity, int rowLength) {
    if (capacity < 0 || rowLength < 1) {
      throw new IllegalArgumentException("KV rows: capacity " + capacity + ", row length " + rowLength);
    }
    long arrayLength = (long) capacity * (type == GgmlType.Q8_0 ? type.byteSize(rowLength) : rowLength);
    if (arrayLength > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("KV rows: " + capacity + " rows of " + rowLength + " " + type
          + " values exceed one Java array; use a shorter context");
    }
    return switch (type) {
      case F32 -> new F32Rows(capacity, rowLength);
      case F16 -> new F16Rows(capacity, rowLength);
      case Q8_0 -> new Q8_0Rows(capacity, rowLength);
      default -> throw new IllegalArgumentException("KV cache type " + type + " is not supported: use F32, F16 or"
          + " Q8_0");
    };
  }

  /**
   * Whether a head of {@code headSize} columns can be read from rows of {@code type}: always for F32 and F16, whole
   * 32-value blocks for Q8_0. Returns null when it can, else why not.
   */
  public static String checkColumns(GgmlType type, int headSize) {
    if (type.blockSize() > 1 && headSize % type.blockSize() != 0) {
      return type + " stores blocks of " + type.blockSize() + " values and a head has " + headSize;
    }
    return null;
  }

  public abstract GgmlType type();

  public final int capacity() {
    return capacity;
  }

  public final int rowLength() {
    return rowLength;
  }

  /** Bytes one row (one position of one layer) occupies. */
  public final long bytesPerRow() {
    return type().byteSize(rowLength);
  }

  /** Stores {@code src[off .. off+rowLength)} as row {@code row}. */
  public abstract void write(int row, float[] src, int off);

  /** Row {@code row} as floats into {@code out[off ..]} (decoded exactly). */
  public abstract void read(int row, float[] out, int off);

  /** {@code out[j] = scale * sum_i q[qo+i] * row_j[col+i]} over {@code i < n}, for {@code j < rows}. */
  public abstract void scores(float[] q, int qo, int col, int n, int rows, float scale, float[] out);

  /** {@code out[oo+i] = sum_j w[j] * row_j[col+i]} over {@code j < rows}, for {@code i < n}. */
  public abstract void weightedSum(float[] w, int rows, int col, int n, float[] out, int oo);

  /** Copies rows {@code [0, rows)} of {@code src} (same type and row length) into this. */
  public abstract void copyFrom(KvRows src, int rows);

  /** The scalar definition of {@link #scores}: each row decoded with {@link #read}, float dot products. */
  public final void scoresReference(float[] q, int qo, int col, int n, int rows, float scale, float[] out) {
    float[] r = new float[rowLength];
    for (int j = 0; j < rows; j++) {
      read(j, r, 0);
      float s = 0;
      for (int i = 0; i < n; i++) {
        s += q[qo + i] * r[col + i];
      }
      out[j] = s * scale;
    }
  }

  /** The scalar definition of {@link #weightedSum}. */
  public final void weightedSumReference(float[] w, int rows, int col, int n, float[] out, int oo) {
    float[] r = new float[rowLength];
    java.util.Arrays.fill(out, oo, oo + n, 0f);
    for (int j = 0; j < rows; j++) {
      read(j, r, 0);
      for (int i = 0; i < n; i++) {
        out[oo + i] += w[j] * r[col + i];
      }
    }
  }

  final void checkCopy(KvRows src, int rows) {
    if (src.type() != type() || src.rowLength != rowLength || rows > capacity || rows > src.capacity) {
      throw new IllegalArgumentException("cannot copy " + rows + " " + src.type() + " rows of " + src.rowLength
          + " into " + capacity + " " + type() + " rows of " + rowLength);
    }
  }

  /** Float32 rows: the products are {@link FloatKernels#dot} and {@link FloatKernels#axpy}, as before cache types. */
  static final class F32Rows extends KvRows {
    private final float[] data;

    F32Rows(int capacity, int rowLength) {
      super(capacity, rowLength);
      data = new float[capacity * rowLength];
    }

    @Override
    public GgmlType type() {
      return GgmlType.F32;
    }

    @Override
    public void write(int row, float[] src, int off) {
      System.arraycopy(src, off, data, row * rowLength, rowLength);
    }

    @Override
    public void read(int row, float[] out, int off) {
      System.arraycopy(data, row * rowLength, out, off, rowLength);
    }

    @Override
    public void scores(float[] q, int qo, int col, int n, int rows, float scale, float[] out) {
      for (int j = 0; j < rows; j++) {
        out[j] = FloatKernels.dot(q, qo, data, j * rowLength + col, n) * scale;
      }
    }

    @Override
    public void weightedSum(float[] w, int rows, int col, int n, float[] out, int oo) {
      java.util.Arrays.fill(out, oo, oo + n, 0f);
      for (int j = 0; j < rows; j++) {
        FloatKernels.axpy(out, oo, w[j], data, j * rowLength + col, n);
      }
    }

    @Override
    public void copyFrom(KvRows src, int rows) {
      checkCopy(src, rows);
      System.arraycopy(((F32Rows) src).data, 0, data, 0, rows * rowLength);
    }
  }

  /** IEEE half-precision rows, widened in registers with bit arithmetic (exact, subnormals and infinities included). */
  static final class F16Rows extends KvRows {
    /** Shorts as many as {@link #L} floats; null where the float species has fewer than 4 lanes (scalar loops). */
    private static final VectorSpecies<Short> SH = L >= 4 ? VectorSpecies.of(short.class,
        VectorShape.forBitSize(L * 16)) : null;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private final short[] data;

    F16Rows(int capacity, int rowLength) {
      super(capacity, rowLength);
      data = new short[capacity * rowLength];
    }

    @Override
    public GgmlType type() {
      return GgmlType.F16;
    }

    @Override
    public void write(int row, float[] src, int off) {
      int base = row * rowLength;
      for (int i = 0; i < rowLength; i++) {
        data[base + i] = Float.floatToFloat16(src[off + i]);
      }
    }

    @Override
    public void read(int row, float[] out, int off) {
      int base = row * rowLength;
      for (int i = 0; i < rowLength; i++) {
        out[off + i] = Float.float16ToFloat(data[base + i]);
      }
    }

    /** {@link #L} halves at {@code data[at]} as floats. */
    private FloatVector load(int at) {
      IntVector v = ((IntVector) ShortVector.fromArray(SH, data, at).convertShape(VectorOperators.S2I, I, 0))
          .and(0xFFFF);
      IntVector sign = v.and(0x8000).lanewise(VectorOperators.LSHL, 16);
      IntVector mag = v.and(0x7FFF);
      // normal: rebias the exponent (15 -> 127); infinity/NaN (exponent 31): rebias once more, to 255
      IntVector normal = mag.lanewise(VectorOperators.LSHL, 13).add(0x38000000);
      normal = normal.add(0x38000000, mag.compare(VectorOperators.GE, 0x7C00));
      VectorMask<Integer> sub = mag.compare(VectorOperators.LT, 0x0400);
      FloatVector subVal = ((FloatVector) mag.convertShape(VectorOperators.I2F, S, 0)).mul(0x1p-24f);
      return normal.blend(subVal.reinterpretAsInts(), sub).or(sign).reinterpretAsFloats();
    }

    @Override
    public void scores(float[] q, int qo, int col, int n, int rows, float scale, float[] out) {
      int vecEnd = SH == null ? 0 : n - n % L;
      for (int j = 0; j < rows; j++) {
        int base = j * rowLength + col;
        float s = 0;
        int i = 0;
        if (vecEnd > 0) {
          FloatVector acc = FloatVector.zero(S);
          for (; i < vecEnd; i += L) {
            acc = load(base + i).fma(FloatVector.fromArray(S, q, qo + i), acc);
          }
          s = acc.reduceLanes(VectorOperators.ADD);
        }
        for (; i < n; i++) {
          s += q[qo + i] * Float.float16ToFloat(data[base + i]);
        }
        out[j] = s * scale;
      }
    }

    @Override
    public void weightedSum(float[] w, int rows, int col, int n, float[] out, int oo) {
      java.util.Arrays.fill(out, oo, oo + n, 0f);
      int vecEnd = SH == null ? 0 : n - n % L;
      for (int j = 0; j < rows; j++) {
        int base = j * rowLength + col;
        float a = w[j];
        int i = 0;
        if (vecEnd > 0) {
          FloatVector av = FloatVector.broadcast(S, a);
          for (; i < vecEnd; i += L) {
            load(base + i).fma(av, FloatVector.fromArray(S, out, oo + i)).intoArray(out, oo + i);
          }
        }
        for (; i < n; i++) {
          out[oo + i] += a * Float.float16ToFloat(data[base + i]);
        }
      }
    }

    @Override
    public void copyFrom(KvRows src, int rows) {
      checkCopy(src, rows);
      System.arraycopy(((F16Rows) src).data, 0, data, 0, rows * rowLength);
    }
  }

  /**
   * ggml Q8_0 rows: per 32 values a 2-byte F16 scale then 32 signed bytes (34 bytes, the file format's block). A
   * product widens the bytes to floats lane-parallel and applies the block's scale once per block.
   */
  static final class Q8_0Rows extends KvRows {
    private static final int QK = 32;
    private static final int BLOCK = 34;
    /** Bytes per load: L of them, at least 8 (the narrowest byte vector); widened in {@link #PARTS} parts. */
    private static final VectorSpecies<Byte> B = L >= 4 && L <= QK
        ? VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * 8))) : null;
    private static final int PARTS = B == null ? 0 : B.length() / L;
    private final byte[] data;
    private final int rowBytes;

    Q8_0Rows(int capacity, int rowLength) {
      super(capacity, rowLength);
      if (rowLength % QK != 0) {
        throw new IllegalArgumentException("Q8_0 KV rows: " + rowLength + " values are not whole blocks of " + QK);
      }
      rowBytes = rowLength / QK * BLOCK;
      data = new byte[capacity * rowBytes];
    }

    @Override
    public GgmlType type() {
      return GgmlType.Q8_0;
    }

    @Override
    public void write(int row, float[] src, int off) {
      Quantizer.quantize(GgmlType.Q8_0, src, off, rowLength, ByteBuffer.wrap(data, row * rowBytes, rowBytes));
    }

    private float scale(int at) {
      return Float.float16ToFloat((short) ((data[at] & 0xFF) | (data[at + 1] << 8)));
    }

    @Override
    public void read(int row, float[] out, int off) {
      int at = row * rowBytes;
      for (int b = 0; b < rowLength; b += QK, at += BLOCK) {
        float d = scale(at);
        for (int i = 0; i < QK; i++) {
          out[off + b + i] = d * data[at + 2 + i];
        }
      }
    }

    private void checkBlocks(int col, int n) {
      if (col % QK != 0 || n % QK != 0) {
        throw new IllegalArgumentException("Q8_0 KV rows are read in whole blocks of " + QK + "; columns [" + col
            + ", " + (col + n) + ") are not");
      }
    }

    @Override
    public void scores(float[] q, int qo, int col, int n, int rows, float scale, float[] out) {
      checkBlocks(col, n);
      for (int j = 0; j < rows; j++) {
        int at = j * rowBytes + col / QK * BLOCK;
        float s = 0;
        if (B != null) {
          FloatVector total = FloatVector.zero(S);
          for (int b = 0; b < n; b += QK, at += BLOCK) {
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < QK; i += B.length()) {
              ByteVector bytes = ByteVector.fromArray(B, data, at + 2 + i);
              for (int p = 0; p < PARTS; p++) {
                FloatVector f = (FloatVector) bytes.convertShape(VectorOperators.B2F, S, p);
                acc = f.fma(FloatVector.fromArray(S, q, qo + b + i + p * L), acc);
              }
            }
            total = acc.fma(FloatVector.broadcast(S, scale(at)), total);
          }
          s = total.reduceLanes(VectorOperators.ADD);
        } else {
          for (int b = 0; b < n; b += QK, at += BLOCK) {
            float acc = 0;
            for (int i = 0; i < QK; i++) {
              acc += q[qo + b + i] * data[at + 2 + i];
            }
            s += acc * scale(at);
          }
        }
        out[j] = s * scale;
      }
    }

    @Override
    public void weightedSum(float[] w, int rows, int col, int n, float[] out, int oo) {
      checkBlocks(col, n);
      java.util.Arrays.fill(out, oo, oo + n, 0f);
      for (int j = 0; j < rows; j++) {
        int at = j * rowBytes + col / QK * BLOCK;
        for (int b = 0; b < n; b += QK, at += BLOCK) {
          float c = w[j] * scale(at);
          if (B != null) {
            FloatVector cv = FloatVector.broadcast(S, c);
            for (int i = 0; i < QK; i += B.length()) {
              ByteVector bytes = ByteVector.fromArray(B, data, at + 2 + i);
              for (int p = 0; p < PARTS; p++) {
                int o = oo + b + i + p * L;
                ((FloatVector) bytes.convertShape(VectorOperators.B2F, S, p)).fma(cv, FloatVector.fromArray(S, out, o))
                    .intoArray(out, o);
              }
            }
          } else {
            for (int i = 0; i < QK; i++) {
              out[oo + b + i] += c * data[at + 2 + i];
            }
          }
        }
      }
    }

    @Override
    public void copyFrom(KvRows src, int rows) {
      checkCopy(src, rows);
      System.arraycopy(((Q8_0Rows) src).data, 0, data, 0, rows * rowBytes);
    }
  }
}
