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
 * work. Opening parses the header, the metadata and the tensor table and checks that every tensor lies inside the
 * file; any problem is a {@link GgufFormatException} naming the file, the offset and what was being read.
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
    if (tensorCount < 0 || tensorCount > 1_000_000 || kvCount < 0 || kvCount > 1_000_000) {
      throw new GgufFormatException(path, "implausible header: " + tensorCount + " tensors, " + kvCount + " keys");
    }
    Map<String, Object> kv = new LinkedHashMap<>();
    for (long i = 0; i < kvCount; i++) {
      String key = r.string("metadata key #" + i);
      int type = r.i32("type of " + key);
      kv.put(key, r.value(type, key));
    }
    GgufMetadata metadata = new GgufMetadata(path, kv);
    int alignment = metadata.getInt("general.alignment", DEFAULT_ALIGNMENT);
    if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
      throw new GgufFormatException(path, "general.alignment = " + alignment + " is not a power of two");
    }
    List<String> names = new ArrayList<>();
    List<long[]> shapes = new ArrayList<>();
    List<Object> types = new ArrayList<>();
    List<Long> offsets = new ArrayList<>();
    for (long i = 0; i < tensorCount; i++) {
      String name = r.string("tensor name #" + i);
      int nDims = r.i32("dimension count of " + name);
      if (nDims < 1 || nDims > 4) {
        throw new GgufFormatException(path, "tensor " + name + " has " + nDims + " dimensions (1 to 4 allowed)");
      }
      long[] shape = new long[nDims];
      for (int d = 0; d < nDims; d++) {
        shape[d] = r.i64("dimension " + d + " of " + name);
        if (shape[d] <= 0) {
          throw new GgufFormatException(path, "tensor " + name + " has dimension " + d + " = " + shape[d]);
        }
      }
      int typeId = r.i32("type of " + name);
      GgmlType type = GgmlType.byId(typeId);
      names.add(name);
      shapes.add(shape);
      types.add(type == null ? (Object) typeId : type);
      offsets.add(r.i64("offset of " + name));
    }
    long dataOffset = align(r.pos, alignment);
    Map<String, TensorInfo> tensors = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!(types.get(i) instanceof GgmlType type)) {
        throw new GgufFormatException(path, "tensor " + name + " has unknown ggml type id " + types.get(i));
      }
      long elements = 1;
      for (long d : shapes.get(i)) {
        elements = Math.multiplyExact(elements, d);
      }
      if (shapes.get(i)[0] % type.blockSize() != 0) {
        throw new GgufFormatException(path, "tensor " + name + " of type " + type + " has rows of " + shapes.get(i)[0]
            + " elements, not a multiple of the block size " + type.blockSize());
      }
      long bytes = type.byteSize(elements);
      long off = dataOffset + offsets.get(i);
      if (offsets.get(i) < 0 || off + bytes > seg.byteSize()) {
        throw new GgufFormatException(path, "tensor " + name + " (" + type + ", " + bytes + " bytes at offset " + off
            + ") extends past the end of the file (" + seg.byteSize() + " bytes): the file is truncated");
      }
      if (tensors.put(name, new TensorInfo(name, type, shapes.get(i), off, bytes)) != null) {
        throw new GgufFormatException(path, "tensor " + name + " appears twice");
      }
    }
    return new GgufFile(path, arena, seg, version, metadata, Collections.unmodifiableMap(tensors), dataOffset, alignment);
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

    private void need(long n, String what) {
      if (pos + n > seg.byteSize() || n < 0) {
        throw new GgufFormatException(path, "truncated at offset " + pos + " while reading " + what
            + " (file has " + seg.byteSize() + " bytes)");
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
      if (len < 0 || len > Integer.MAX_VALUE - 8) {
        throw new GgufFormatException(path, "implausible string length " + len + " at offset " + (pos - 8)
            + " in " + what);
      }
      need(len, what);
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

    Object value(int type, String key) {
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
        case 9 -> { return array(key); }
        case 10, 11 -> { return i64(key); }
        case 12 -> { need(8, key); double v = seg.get(F64, pos); pos += 8; return v; }
        default -> throw new GgufFormatException(path, "metadata key " + key + " has unknown value type " + type
            + " at offset " + (pos - 4));
      }
    }

    private Object array(String key) {
      int elemType = i32("element type of " + key);
      long n = i64("length of " + key);
      if (n < 0 || n > Integer.MAX_VALUE - 8) {
        throw new GgufFormatException(path, "metadata array " + key + " has implausible length " + n);
      }
      int len = (int) n;
      switch (elemType) {
        case 0, 1, 2, 3, 5, 4 -> {
          int[] a = new int[len];
          for (int i = 0; i < len; i++) {
            a[i] = ((Number) value(elemType, key)).intValue();
          }
          return a;
        }
        case 6 -> {
          need(4L * len, key);
          float[] a = seg.asSlice(pos, 4L * len).toArray(F32);
          pos += 4L * len;
          return a;
        }
        case 7 -> {
          boolean[] a = new boolean[len];
          for (int i = 0; i < len; i++) {
            a[i] = (Boolean) value(7, key);
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
            a[i] = (Double) value(12, key);
          }
          return a;
        }
        case 9 -> {
          Object[] a = new Object[len];
          for (int i = 0; i < len; i++) {
            a[i] = array(key + "[" + i + "]");
          }
          return a;
        }
        default -> throw new GgufFormatException(path, "metadata array " + key + " has unknown element type "
            + elemType);
      }
    }
  }
}
