package dev.llamakit.engine.gguf;

import dev.llamakit.engine.io.AtomicFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a GGUF v3 file: metadata, tensor table and 32-byte-aligned tensor data streamed from
 * {@link TensorSource}s. The file is written under a temporary name beside the target and renamed when complete.
 *
 * <p>Metadata values map to GGUF types as the reader returns them, so a file read with {@link GgufFile} can be
 * copied: {@code String}, {@code Boolean}, {@code Float} (F32), {@code Double} (F64), {@code Integer} (INT32),
 * {@code Long} (UINT32 when it fits, otherwise INT64), {@code String[]}, {@code float[]}, {@code int[]} (INT32),
 * {@code long[]} (INT64), {@code boolean[]}, {@code double[]}; use {@link U32} to force UINT32 for an int.
 *
 * <p>A file with tensors gets {@code general.file_type} (UINT32, as llama.cpp reads it) guessed from its 2-D tensors'
 * types ({@link FileType#guess}) unless the caller put the key; llama.cpp would otherwise label it "(guessed)".
 *
 * <pre>{@code
 * GgufWriter w = new GgufWriter();
 * w.put("general.architecture", "llama");
 * w.put("llama.block_count", new GgufWriter.U32(6));
 * w.addTensor("output_norm.weight", GgmlType.F32, new long[] {288}, out -> out.write(bytes));
 * w.write(Path.of("model.gguf"));
 * }</pre>
 */
public final class GgufWriter {
  /** An unsigned 32-bit metadata value. */
  public record U32(long value) {}

  /** Produces the bytes of one tensor, exactly {@code type.byteSize(elements)} of them. */
  @FunctionalInterface
  public interface TensorSource {
    void writeTo(OutputStream out) throws IOException;
  }

  private record Entry(String name, GgmlType type, long[] shape, long bytes, TensorSource source) {}

  private final Map<String, Object> metadata = new LinkedHashMap<>();
  private final List<Entry> tensors = new ArrayList<>();
  private final int alignment = GgufFile.DEFAULT_ALIGNMENT;

  /** Sets a metadata key (insertion order is kept). */
  public GgufWriter put(String key, Object value) {
    metadata.put(key, value);
    return this;
  }

  /** Adds a tensor; {@code shape[0]} is the row length (ggml ne0). */
  public GgufWriter addTensor(String name, GgmlType type, long[] shape, TensorSource source) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    if (shape[0] % type.blockSize() != 0) {
      throw new IllegalArgumentException("tensor " + name + ": rows of " + shape[0] + " are not a multiple of the "
          + type + " block size " + type.blockSize());
    }
    tensors.add(new Entry(name, type, shape.clone(), type.byteSize(n), source));
    return this;
  }

  /** Writes everything to {@code target} (via a temporary file and a rename). */
  public void write(Path target) throws IOException {
    AtomicFile.write(target, raw -> {
      CountingOut out = new CountingOut(raw);
      FileType fileType = metadata.containsKey(FileType.KEY) || tensors.isEmpty() ? null
          : FileType.guess(tensors.stream().filter(t -> t.shape.length >= 2).map(Entry::type).toList());
      out.i32(GgufFile.MAGIC);
      out.i32(3);
      out.i64(tensors.size());
      out.i64(metadata.size() + 1 + (fileType == null ? 0 : 1));
      out.string("general.alignment");
      out.i32(4);
      out.i32(alignment);
      if (fileType != null) {
        out.string(FileType.KEY);
        value(out, FileType.KEY, new U32(fileType.id()), true);
      }
      for (Map.Entry<String, Object> e : metadata.entrySet()) {
        if (e.getKey().equals("general.alignment")) {
          throw new IllegalArgumentException("general.alignment is written by the writer");
        }
        out.string(e.getKey());
        value(out, e.getKey(), e.getValue(), true);
      }
      long offset = 0;
      for (Entry t : tensors) {
        out.string(t.name);
        out.i32(t.shape.length);
        for (long d : t.shape) {
          out.i64(d);
        }
        out.i32(t.type.id());
        out.i64(offset);
        offset = GgufFile.align(offset + t.bytes, alignment);
      }
      out.pad(alignment);
      for (Entry t : tensors) {
        long start = out.count;
        t.source.writeTo(out);
        long written = out.count - start;
        if (written != t.bytes) {
          throw new IOException("tensor " + t.name + " produced " + written + " bytes, expected " + t.bytes);
        }
        out.pad(alignment);
      }
    });
  }

  private static void value(CountingOut out, String key, Object v, boolean withType) throws IOException {
    switch (v) {
      case String s -> { if (withType) out.i32(8); out.string(s); }
      case Boolean b -> { if (withType) out.i32(7); out.write(b ? 1 : 0); }
      case Float f -> { if (withType) out.i32(6); out.i32(Float.floatToRawIntBits(f)); }
      case Double d -> { if (withType) out.i32(12); out.i64(Double.doubleToRawLongBits(d)); }
      case Integer i -> { if (withType) out.i32(5); out.i32(i); }
      case U32 u -> { if (withType) out.i32(4); out.i32((int) u.value()); }
      case Long l -> {
        if (l >= 0 && l <= 0xFFFFFFFFL) {
          if (withType) out.i32(4);
          out.i32((int) (long) l);
        } else {
          if (withType) out.i32(11);
          out.i64(l);
        }
      }
      case String[] a -> { array(out, 8, a.length); for (String s : a) out.string(s); }
      case float[] a -> { array(out, 6, a.length); for (float f : a) out.i32(Float.floatToRawIntBits(f)); }
      case int[] a -> { array(out, 5, a.length); for (int i : a) out.i32(i); }
      case long[] a -> { array(out, 11, a.length); for (long l : a) out.i64(l); }
      case double[] a -> { array(out, 12, a.length); for (double d : a) out.i64(Double.doubleToRawLongBits(d)); }
      case boolean[] a -> { array(out, 7, a.length); for (boolean b : a) out.write(b ? 1 : 0); }
      default -> throw new IllegalArgumentException("metadata key " + key + ": cannot write a "
          + v.getClass().getSimpleName());
    }
  }

  private static void array(CountingOut out, int elemType, int n) throws IOException {
    out.i32(9);
    out.i32(elemType);
    out.i64(n);
  }

  /** Little-endian primitives over a stream, counting bytes for alignment. */
  private static final class CountingOut extends OutputStream {
    private final OutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    long count;

    CountingOut(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    void i32(int v) throws IOException {
      buf.clear();
      buf.putInt(v);
      write(buf.array(), 0, 4);
    }

    void i64(long v) throws IOException {
      buf.clear();
      buf.putLong(v);
      write(buf.array(), 0, 8);
    }

    void string(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      i64(b.length);
      write(b, 0, b.length);
    }

    void pad(int alignment) throws IOException {
      while (count % alignment != 0) {
        write(0);
      }
    }
  }
}
