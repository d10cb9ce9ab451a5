package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a llama2.c {@code run.c} checkpoint: a header of 7 int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads,
 * vocab_size — negative when the classifier is not shared — and seq_len) followed by float32 weights in run.c's order.
 * RMSNorm eps 1e-5 and RoPE base 10000 as in run.c; w1/w3/w2 are gate/up/down.
 *
 * <p>The header is checked as a whole ({@link HyperParameters}) and the fields it implies must fill the file exactly;
 * any mismatch is a {@link ModelFormatException} naming the file and the header field. (run.c checks none of this.)
 */
final class Llama2cCheckpoint {
  private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

  private static final int HEADER_BYTES = 28;

  private Llama2cCheckpoint() {}

  static LlamaModel load(Path path, ModelOptions options) throws IOException {
    Arena arena = Arena.ofShared();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
      if (seg.byteSize() < HEADER_BYTES) {
        throw new ModelFormatException(path, "header", seg.byteSize() + " bytes", "too short for a llama2.c "
            + "checkpoint header (" + HEADER_BYTES + " bytes) and not a GGUF file");
      }
      int[] h = new int[7];
      for (int i = 0; i < 7; i++) {
        h[i] = seg.get(I32, 4L * i);
      }
      boolean shared = h[5] > 0;
      long vocab = Math.abs((long) h[5]);
      LlamaConfig c = new HyperParameters(h[0], h[1], h[2], h[3], h[4], vocab, h[6], 1e-5f, 10000f,
          h[3] > 0 ? h[0] / h[3] : 0).check(path, HyperParameters.Names.LLAMA2C);
      Cursor cur = new Cursor(path, seg, HEADER_BYTES);
      int dim = c.dim(), hd = c.hiddenDim(), L = c.layers(), kv = c.kvDim(), hs = c.headSize();
      long emb = cur.take("token_embedding_table", vocab, dim);
      long rmsAtt = cur.take("rms_att_weight", L, dim);
      long wq = cur.take("wq", L, dim, dim);
      long wk = cur.take("wk", L, kv, dim);
      long wv = cur.take("wv", L, kv, dim);
      long wo = cur.take("wo", L, dim, dim);
      long rmsFfn = cur.take("rms_ffn_weight", L, dim);
      long w1 = cur.take("w1", L, hd, dim);
      long w2 = cur.take("w2", L, dim, hd);
      long w3 = cur.take("w3", L, hd, dim);
      long rmsFinal = cur.take("rms_final_weight", dim);
      cur.take("freq_cis_real", c.contextLength(), hs / 2);
      cur.take("freq_cis_imag", c.contextLength(), hs / 2);
      long wcls = shared ? emb : cur.take("wcls", vocab, dim);
      cur.end();
      List<LayerWeights> layers = new ArrayList<>();
      for (int l = 0; l < L; l++) {
        layers.add(new LayerWeights(floats(seg, rmsAtt + 4L * l * dim, dim),
            m(seg, "wq[" + l + "]", wq + 4L * l * dim * dim, dim, dim),
            m(seg, "wk[" + l + "]", wk + 4L * l * kv * dim, kv, dim),
            m(seg, "wv[" + l + "]", wv + 4L * l * kv * dim, kv, dim),
            m(seg, "wo[" + l + "]", wo + 4L * l * dim * dim, dim, dim),
            floats(seg, rmsFfn + 4L * l * dim, dim),
            m(seg, "w1[" + l + "]", w1 + 4L * l * hd * dim, hd, dim),
            m(seg, "w3[" + l + "]", w3 + 4L * l * hd * dim, hd, dim),
            m(seg, "w2[" + l + "]", w2 + 4L * l * dim * hd, dim, hd)));
      }
      WeightMatrix embedding = m(seg, "token_embedding_table", emb, (int) vocab, dim);
      LlamaWeights w = new LlamaWeights(embedding, layers, floats(seg, rmsFinal, dim),
          shared ? embedding : m(seg, "wcls", wcls, (int) vocab, dim), null);
      return LlamaModel.assemble(path, c, w, options, arena::close, null);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      arena.close();
      throw e;
    }
  }

  private static WeightMatrix m(MemorySegment seg, String name, long off, int rows, int cols) {
    return WeightMatrix.of(name, GgmlType.F32, seg.asSlice(off, 4L * rows * cols), rows, cols);
  }

  private static float[] floats(MemorySegment seg, long off, int n) {
    return seg.asSlice(off, 4L * n).toArray(ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN));
  }

  /**
   * Walks the weight region, with sizes multiplied exactly and checked against the file before anything is read:
   * a field past the end names the field; bytes left after the last field mean the header does not describe this file.
   */
  private static final class Cursor {
    private final Path path;
    private final MemorySegment seg;
    private long pos;

    Cursor(Path path, MemorySegment seg, long pos) {
      this.path = path;
      this.seg = seg;
      this.pos = pos;
    }

    /** The offset of field {@code field}, the product of {@code dims} float32 values long. */
    long take(String field, long... dims) {
      long bytes = Float.BYTES;
      try {
        for (long d : dims) {
          bytes = Math.multiplyExact(bytes, d);
        }
      } catch (ArithmeticException e) {
        throw new ModelFormatException(path, field, java.util.Arrays.toString(dims) + " floats", "the header's sizes "
            + "need more than 2^63 bytes");
      }
      if (bytes > seg.byteSize() - pos) {
        throw new ModelFormatException(path, field, bytes + " bytes at offset " + pos, "truncated llama2.c "
            + "checkpoint: the field needs bytes up to " + (pos + bytes) + " but the file has " + seg.byteSize()
            + " (or the header's sizes are wrong)");
      }
      long at = pos;
      pos += bytes;
      return at;
    }

    /** Fails unless the fields end exactly at the end of the file. */
    void end() {
      if (pos != seg.byteSize()) {
        throw new ModelFormatException(path, "file length", seg.byteSize() + " bytes", "the header's sizes account "
            + "for " + pos + " bytes (" + (seg.byteSize() - pos) + " bytes left over): the header does not describe "
            + "this file");
      }
    }
  }
}
