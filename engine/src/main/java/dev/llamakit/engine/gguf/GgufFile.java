package dev.llamakit.engine.gguf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF (v2 or v3) model file, memory-mapped through the FFM API.
 *
 * <p>The whole file is one read-only {@link MemorySegment} with {@code long} offsets, so files and tensors over 2 GB
 * work. Opening parses the header, the metadata and the tensor table and validates before it allocates: every count,
 * length, dimension and offset is checked against the bytes left and the format's limits with overflow-safe
 * arithmetic, metadata arrays nest at most {@link #MAX_ARRAY_DEPTH} deep, and tensor data must be laid out as
 * llama.cpp requires (aligned, back to back in table order, inside the file). Any problem is a
 * {@link GgufFormatException} naming the file, the key or tensor, and the offending value.
 *
 * <pre>{@code
 * try (GgufFile gguf = GgufFile.open(Path.of("model.gguf"))) {
 *   String arch = gguf.metadata().getString("general.architecture");
 *   TensorInfo wq = gguf.tensor("blk.0.attn_q.weight");
 *   MemorySegment bytes = gguf.data(wq);
 * }
 * }</pre>
 */
public final class GgufFile implements AutoCloseable {
  /** "GGUF" read as a little-endian uint32. */
  public static final int MAGIC = 0x46554747;
  public static final int DEFAULT_ALIGNMENT = 32;
  /** Deepest nesting of metadata arrays read (an array of arrays is depth 2); llama.cpp reads none nested. */
  public static final int MAX_ARRAY_DEPTH = 8;
  /** Longest string (key, value, tensor name) read, as llama.cpp's {@code GGUF_MAX_STRING_LENGTH}: 1 GiB. */
  public static final long MAX_STRING_BYTES = 1L << 30;
  /** Most elements in one metadata array, as llama.cpp's {@code GGUF_MAX_ARRAY_ELEMENTS}. */
  public static final long MAX_ARRAY_ELEMENTS = 1L << 30;
  /** Tensor names are shorter than this many bytes (llama.cpp's {@code GGML_MAX_NAME}). */
  public static final int MAX_TENSOR_NAME_BYTES = 64;
  private static final long MAX_ALIGNMENT = 1L << 30;
  private static final int TYPE_UINT32 = 4;
  /** Smallest metadata entry: key length, a 1-byte key, the value type, a 1-byte value. */
  private static final long MIN_KV_BYTES = 8 + 1 + 4 + 1;
  /** Smallest tensor-table record: name length, a 1-byte name, 1 dimension, its length, the type, the offset. */
  private static final long MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
  private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private final Path path;
  private final Arena arena;
  private final MemorySegment file;
  private final int version;
  private final GgufMetadata metadata;
  private final Map<String, TensorInfo> tensors;
  private final long dataOffset;
  private final int alignment;

  private GgufFile(Path path, Arena arena, MemorySegment file, int version, GgufMetadata metadata,
      Map<String, TensorInfo> tensors, long dataOffset, int alignment) {
    this.path = path;
    this.arena = arena;
    this.file = file;
    this.version = version;
    this.metadata = metadata;
    this.tensors = tensors;
    this.dataOffset = dataOffset;
    this.alignment = alignment;
  }

  /** Maps and parses {@code path}. */
  public static GgufFile open(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "no such GGUF file");
    }
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      return parse(path, arena, seg);
    } catch (RuntimeException | IOException e) {
      arena.close();
      throw e;
    }
  }

  private static GgufFile parse(Path path, Arena arena, MemorySegment seg) {
    Reader r = new Reader(path, seg);
    if (seg.byteSize() < 24) {
      throw new GgufFormatException(path, "only " + seg.byteSize() + " bytes: too short for a GGUF header");
    }
    int magic = r.i32("magic");
    if (magic != MAGIC) {
      throw new GgufFormatException(path, String.format(
          "bad magic 0x%08x (expected 0x%08x, \"GGUF\"): not a GGUF file", magic, MAGIC));
    }
    int version = r.i32("version");
    if (version != 2 && version != 3) {
      throw new GgufFormatException(path, "GGUF version " + version + " is not supported (2 and 3 are)");
    }
    long tensorCount = r.i64("tensor count");
    long kvCount = r.i64("metadata count");
    // Counts are checked against the bytes left, each entry's smallest encoding, before any loop runs.
    r.checkCount("tensor count", tensorCount, MIN_TENSOR_INFO_BYTES);
    r.checkCount("metadata count", kvCount, MIN_KV_BYTES);
    Map<String, Object> kv = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      long at = r.pos;
      String key = r.string("metadata key #" + i);
      // As llama.cpp (gguf.cpp): an empty or repeated key makes the file invalid.
      if (key.isEmpty()) {
        throw new GgufFormatException(path, "metadata key #" + i + " at offset " + at + " is empty");
      }
      if (kv.containsKey(key)) {
        throw new GgufFormatException(path, "metadata key " + key + " appears twice (again at offset " + at + ")");
      }
      int type = r.i32("type of " + key);
      if (key.equals("general.alignment") && type != TYPE_UINT32) {
        // llama.cpp rejects any type but UINT32 for this key.
        throw new GgufFormatException(path, "metadata general.alignment has value type " + type
            + ", must be UINT32 (4)");
      }
      kv.put(key, r.value(type, key, 0));
    }
    GgufMetadata metadata = new GgufMetadata(path, kv);
    long alignmentValue = metadata.has("general.alignment") ? metadata.getLong("general.alignment")
        : DEFAULT_ALIGNMENT;
    if (alignmentValue <= 0 || alignmentValue > MAX_ALIGNMENT || Long.bitCount(alignmentValue) != 1) {
      throw new GgufFormatException(path, "general.alignment = " + alignmentValue + " is not a power of two up to "
          + MAX_ALIGNMENT);
    }
    int alignment = (int) alignmentValue;
    List<TensorEntry> entries = new ArrayList<>();
    Map<String, Integer> seen = new java.util.HashMap<>();
    for (long i = 0; i < tensorCount; i++) {
      TensorEntry t = readTensorEntry(r, i);
      if (seen.putIfAbsent(t.name, entries.size()) != null) {
        throw new GgufFormatException(path, "tensor " + t.name + " appears twice in the tensor table (#"
            + seen.get(t.name) + " and #" + i + ")");
      }
      entries.add(t);
    }
    long dataOffset = align(r.pos, alignment);
    if (tensorCount > 0 && dataOffset > seg.byteSize()) {
      throw new GgufFormatException(path, "tensor data would start at offset " + dataOffset + ", past the end of the "
          + "file (" + seg.byteSize() + " bytes): the file is truncated");
    }
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    long expected = 0;
    String previous = null;
    for (TensorEntry t : entries) {
      checkPlacement(path, t, expected, previous, alignment);
      long room = seg.byteSize() - dataOffset - t.offset;
      if (t.bytes > room) {
        throw new GgufFormatException(path, "tensor " + t.name + " (" + t.type + ", " + t.bytes + " bytes at offset "
            + (dataOffset + t.offset) + ") extends past the end of the file (" + seg.byteSize()
            + " bytes): the file is truncated");
      }
      tensors.put(t.name, new TensorInfo(t.name, t.type, t.shape, dataOffset + t.offset, t.bytes));
      expected = align(t.offset + t.bytes, alignment);
      previous = t.name;
    }
    return new GgufFile(path, arena, seg, version, metadata, Collections.unmodifiableMap(tensors), dataOffset,
        alignment);
  }

  /** One tensor-table record, checked on its own (shape, type, size); its placement is checked later. */
  private record TensorEntry(String name, GgmlType type, long[] shape, long bytes, long offset) {}

  private static TensorEntry readTensorEntry(Reader r, long index) {
    Path path = r.path;
    String name = r.string("tensor name #" + index);
    if (name.isEmpty() || name.getBytes(StandardCharsets.UTF_8).length >= MAX_TENSOR_NAME_BYTES) {
      // llama.cpp keeps names in a 64-byte buffer (GGML_MAX_NAME) and rejects longer ones the same way.
      throw new GgufFormatException(path, "tensor name #" + index + " \"" + abbreviate(name) + "\" has "
          + name.getBytes(StandardCharsets.UTF_8).length + " bytes (1 to " + (MAX_TENSOR_NAME_BYTES - 1)
          + " allowed)");
    }
    int nDims = r.i32("dimension count of " + name);
    // Stricter than llama.cpp, which also takes 0 dimensions (a scalar): no Llama weight is a scalar.
    if (nDims < 1 || nDims > 4) {
      throw new GgufFormatException(path, "tensor " + name + " has " + Integer.toUnsignedString(nDims)
          + " dimensions (1 to 4 allowed)");
    }
    long[] shape = new long[nDims];
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      shape[d] = r.i64("dimension " + d + " of " + name);
      // Stricter than llama.cpp, which takes empty (0-length) dimensions: an empty weight cannot run.
      if (shape[d] <= 0) {
        throw new GgufFormatException(path, "tensor " + name + " has dimension " + d + " = "
            + Long.toUnsignedString(shape[d]) + " (must be 1 to 2^63-1)");
      }
      try {
        elements = Math.multiplyExact(elements, shape[d]);
      } catch (ArithmeticException e) {
        throw new GgufFormatException(path, "tensor " + name + " has shape " + java.util.Arrays.toString(
            java.util.Arrays.copyOf(shape, d + 1)) + ": more than 2^63-1 elements");
      }
    }
    int typeId = r.i32("type of " + name);
    GgmlType type = GgmlType.byId(typeId);
    if (type == null) {
      throw new GgufFormatException(path, "tensor " + name + " has unknown ggml type id " + typeId);
    }
    if (shape[0] % type.blockSize() != 0) {
      throw new GgufFormatException(path, "tensor " + name + " of type " + type + " has rows of " + shape[0]
          + " elements, not a multiple of the block size " + type.blockSize());
    }
    long bytes;
    try {
      bytes = Math.multiplyExact(elements / type.blockSize(), (long) type.typeSize());
    } catch (ArithmeticException e) {
      throw new GgufFormatException(path, "tensor " + name + " of type " + type + " with " + elements
          + " elements needs more than 2^63-1 bytes");
    }
    long offset = r.i64("offset of " + name);
    if (offset < 0) {
      throw new GgufFormatException(path, "tensor " + name + " has data offset " + Long.toUnsignedString(offset)
          + ", beyond any file");
    }
    return new TensorEntry(name, type, shape, bytes, offset);
  }

  /**
   * As llama.cpp's gguf.cpp: each tensor's data must start exactly where the previous one's ends, rounded up to
   * {@code general.alignment} (the first at 0). This rejects unaligned, overlapping, out-of-order and gapped data.
   */
  private static void checkPlacement(Path path, TensorEntry t, long expected, String previous, int alignment) {
    if (t.offset == expected) {
      return;
    }
    if (t.offset % alignment != 0) {
      throw new GgufFormatException(path, "tensor " + t.name + " has data offset " + t.offset
          + ", not a multiple of general.alignment " + alignment);
    }
    if (t.offset < expected) {
      throw new GgufFormatException(path, "tensor " + t.name + " has data offset " + t.offset + ", inside the data of "
          + (previous == null ? "an earlier tensor" : "tensor " + previous) + " (which ends at " + expected
          + "): tensor data overlaps or is out of order");
    }
    throw new GgufFormatException(path, "tensor " + t.name + " has data offset " + t.offset + ", expected " + expected
        + " (tensors follow one another in table order, as llama.cpp requires)");
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "...";
  }

  static long align(long pos, int alignment) {
    return (pos + alignment - 1) / alignment * alignment;
  }

  public Path path() {
    return path;
  }

  public int version() {
    return version;
  }

  public GgufMetadata metadata() {
    return metadata;
  }

  public int alignment() {
    return alignment;
  }

  /** Absolute file offset where tensor data starts. */
  public long dataOffset() {
    return dataOffset;
  }

  /** Tensors in file order. */
  public List<TensorInfo> tensors() {
    return List.copyOf(tensors.values());
  }

  public boolean hasTensor(String name) {
    return tensors.containsKey(name);
  }

  /** The tensor called {@code name}; fails naming the file and the tensor when absent. */
  public TensorInfo tensor(String name) {
    TensorInfo t = tensors.get(name);
    if (t == null) {
      throw new GgufFormatException(path, "has no tensor " + name);
    }
    return t;
  }

  /** The bytes of a tensor, a slice of the mapped file (valid until {@link #close()}). */
  public MemorySegment data(TensorInfo t) {
    return file.asSlice(t.offset(), t.byteSize());
  }

  /** The whole mapped file. */
  public MemorySegment segment() {
    return file;
  }

  /** Unmaps the file; segments obtained from it become invalid. */
  @Override
  public void close() {
    arena.close();
  }

  /** A cursor over the mapped header that turns every out-of-bounds read into a message naming what was read. */
  private static final class Reader {
    private final Path path;
    private final MemorySegment seg;
    long pos;

    Reader(Path path, MemorySegment seg) {
      this.path = path;
      this.seg = seg;
    }

    long remaining() {
      return seg.byteSize() - pos;
    }

    /** Fails unless {@code n} bytes are left; never overflows, whatever {@code n}. */
    private void need(long n, String what) {
      if (n < 0 || n > remaining()) {
        throw new GgufFormatException(path, "truncated at offset " + pos + " while reading " + what + " ("
            + (n < 0 ? Long.toUnsignedString(n) : n) + " bytes needed, " + remaining() + " left of "
            + seg.byteSize() + ")");
      }
    }

    /** Fails unless {@code count} entries of at least {@code minBytes} each can fit in the bytes left. */
    void checkCount(String what, long count, long minBytes) {
      if (count < 0 || count > remaining() / minBytes) {
        throw new GgufFormatException(path, what + " " + Long.toUnsignedString(count) + " cannot fit in the "
            + remaining() + " bytes left (each entry takes at least " + minBytes + "): the file is truncated or the "
            + "count is corrupt");
      }
    }

    int i32(String what) {
      need(4, what);
      int v = seg.get(I32, pos);
      pos += 4;
      return v;
    }

    long i64(String what) {
      need(8, what);
      long v = seg.get(I64, pos);
      pos += 8;
      return v;
    }

    String string(String what) {
      long len = i64("length of " + what);
      if (len < 0 || len > MAX_STRING_BYTES || len > remaining()) {
        throw new GgufFormatException(path, "string length " + Long.toUnsignedString(len) + " at offset " + (pos - 8)
            + " in " + what + " exceeds the " + Math.min(remaining(), MAX_STRING_BYTES) + " bytes "
            + (len > MAX_STRING_BYTES ? "allowed" : "left"));
      }
      byte[] b = seg.asSlice(pos, len).toArray(ValueLayout.JAVA_BYTE);
      pos += len;
      try {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(b)).toString();
      } catch (CharacterCodingException e) {
        // Vocabularies may hold raw byte pieces; keep them decodable but lossy rather than failing the load.
        return new String(b, StandardCharsets.UTF_8);
      }
    }

    /** Bytes the smallest value of GGUF type {@code type} takes, or -1 for an unknown type. */
    static long minBytes(int type) {
      return switch (type) {
        case 0, 1, 7 -> 1;
        case 2, 3 -> 2;
        case 4, 5, 6 -> 4;
        case 8, 10, 11, 12 -> 8;
        case 9 -> 12;
        default -> -1;
      };
    }

    Object value(int type, String key, int depth) {
      switch (type) {
        case 0 -> { need(1, key); return Byte.toUnsignedInt(seg.get(ValueLayout.JAVA_BYTE, pos++)); }
        case 1 -> { need(1, key); return (int) seg.get(ValueLayout.JAVA_BYTE, pos++); }
        case 2 -> { need(2, key); int v = Short.toUnsignedInt(seg.get(I16, pos)); pos += 2; return v; }
        case 3 -> { need(2, key); int v = seg.get(I16, pos); pos += 2; return v; }
        case 4 -> { return Integer.toUnsignedLong(i32(key)); }
        case 5 -> { return i32(key); }
        case 6 -> { need(4, key); float v = seg.get(F32, pos); pos += 4; return v; }
        case 7 -> { need(1, key); return seg.get(ValueLayout.JAVA_BYTE, pos++) != 0; }
        case 8 -> { return string(key); }
        case 9 -> { return array(key, depth + 1); }
        case 10, 11 -> { return i64(key); }
        case 12 -> { need(8, key); double v = seg.get(F64, pos); pos += 8; return v; }
        default -> throw new GgufFormatException(path, "metadata key " + key + " has unknown value type " + type
            + " at offset " + (pos - 4));
      }
    }

    private Object array(String key, int depth) {
      if (depth > MAX_ARRAY_DEPTH) {
        throw new GgufFormatException(path, "metadata array " + key + " is nested " + depth + " deep at offset " + pos
            + " (at most " + MAX_ARRAY_DEPTH + " allowed)");
      }
      int elemType = i32("element type of " + key);
      long n = i64("length of " + key);
      long min = minBytes(elemType);
      if (min < 0) {
        throw new GgufFormatException(path, "metadata array " + key + " has unknown element type " + elemType
            + " at offset " + (pos - 12));
      }
      // As llama.cpp: the declared length must fit in the bytes left (and under 2^30) before anything is allocated.
      if (n < 0 || n > MAX_ARRAY_ELEMENTS || n > remaining() / min) {
        throw new GgufFormatException(path, "metadata array " + key + " declares " + Long.toUnsignedString(n)
            + " elements at offset " + (pos - 8) + ", more than " + (n > MAX_ARRAY_ELEMENTS && n >= 0
                ? MAX_ARRAY_ELEMENTS + " allowed" : "the " + remaining() + " bytes left can hold"));
      }
      int len = (int) n;
      switch (elemType) {
        case 0, 1, 2, 3, 5, 4 -> {
          int[] a = new int[len];
          for (int i = 0; i < len; i++) {
            a[i] = ((Number) value(elemType, key, depth)).intValue();
          }
          return a;
        }
        case 6 -> {
          float[] a = seg.asSlice(pos, 4L * len).toArray(F32);
          pos += 4L * len;
          return a;
        }
        case 7 -> {
          boolean[] a = new boolean[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Boolean) value(7, key, depth);
          }
          return a;
        }
        case 8 -> {
          String[] a = new String[len];
          for (int i = 0; i < len; i++) {
            a[i] = string(key + "[" + i + "]");
          }
          return a;
        }
        case 10, 11 -> {
          long[] a = new long[len];
          for (int i = 0; i < len; i++) {
            a[i] = i64(key);
          }
          return a;
        }
        case 12 -> {
          double[] a = new double[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Double) value(12, key, depth);
          }
          return a;
        }
        default -> {
          Object[] a = new Object[len];
          for (int i = 0; i < len; i++) {
            a[i] = array(key + "[" + i + "]", depth + 1);
          }
          return a;
        }
      }
    }
  }
}
