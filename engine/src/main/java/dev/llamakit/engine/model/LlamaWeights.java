package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufFormatException;
import dev.llamakit.engine.gguf.TensorInfo;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.lang.foreign.Arena;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * All weights of a Llama model: token embedding, blocks, final norm, output projection (the embedding when tied)
 * and the optional {@code rope_freqs} divisors.
 */
public record LlamaWeights(WeightMatrix tokenEmbedding, List<LayerWeights> layers, float[] outputNorm,
    WeightMatrix output, float[] ropeFreqs) {

  /** One matrix per ggml type used (the first found), for kernel warm-up on real weights. */
  public java.util.Collection<WeightMatrix> samplesPerType() {
    java.util.Map<GgmlType, WeightMatrix> m = new java.util.EnumMap<>(GgmlType.class);
    for (LayerWeights l : layers) {
      for (WeightMatrix w : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.wGate(), l.wUp(), l.wDown())) {
        m.putIfAbsent(w.type(), w);
      }
    }
    m.putIfAbsent(output.type(), output);
    return m.values();
  }

  /** The ggml types used. */
  public Set<GgmlType> types() {
    Set<GgmlType> s = EnumSet.of(tokenEmbedding.type(), output.type());
    for (LayerWeights l : layers) {
      for (WeightMatrix w : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.wGate(), l.wUp(), l.wDown())) {
        s.add(w.type());
      }
    }
    return s;
  }

  /** Bytes of weights streamed per decoded token (all matrices but the embedding, plus the output). */
  public long bytesPerToken() {
    long b = output.byteSize();
    for (LayerWeights l : layers) {
      for (WeightMatrix w : List.of(l.wq(), l.wk(), l.wv(), l.wo(), l.wGate(), l.wUp(), l.wDown())) {
        b += w.byteSize();
      }
    }
    return b;
  }

  /**
   * Wraps the tensors of a GGUF file (llama naming), checking every shape against {@code c}. With {@code copyInto}
   * the matrices read on every decode step (and the embedding when it doubles as the output) are copied into memory
   * from that arena; otherwise, and for the untied embedding (one row read per token), they stay slices of the
   * mapped file.
   */
  static LlamaWeights fromGguf(GgufFile f, LlamaConfig c, Arena copyInto) {
    boolean tied = !f.hasTensor("output.weight");
    WeightMatrix emb = matrix(f, "token_embd.weight", c.vocabSize(), c.dim(), tied ? copyInto : null);
    LayerWeights[] layers = new LayerWeights[c.layers()];
    int qDim = c.heads() * c.headSize();
    for (int i = 0; i < c.layers(); i++) {
      String p = "blk." + i + ".";
      Arena a = copyInto;
      layers[i] = new LayerWeights(vector(f, p + "attn_norm.weight", c.dim()),
          matrix(f, p + "attn_q.weight", qDim, c.dim(), a), matrix(f, p + "attn_k.weight", c.kvDim(), c.dim(), a),
          matrix(f, p + "attn_v.weight", c.kvDim(), c.dim(), a),
          matrix(f, p + "attn_output.weight", c.dim(), qDim, a), vector(f, p + "ffn_norm.weight", c.dim()),
          matrix(f, p + "ffn_gate.weight", c.hiddenDim(), c.dim(), a),
          matrix(f, p + "ffn_up.weight", c.hiddenDim(), c.dim(), a),
          matrix(f, p + "ffn_down.weight", c.dim(), c.hiddenDim(), a));
    }
    WeightMatrix out = tied ? emb : matrix(f, "output.weight", c.vocabSize(), c.dim(), copyInto);
    float[] ropeFreqs = f.hasTensor("rope_freqs.weight") ? vector(f, "rope_freqs.weight", c.ropeDims() / 2) : null;
    return new LlamaWeights(emb, List.of(layers), vector(f, "output_norm.weight", c.dim()), out, ropeFreqs);
  }

  private static WeightMatrix matrix(GgufFile f, String name, int rows, int cols, Arena copyInto) {
    TensorInfo t = f.tensor(name);
    long[] s = t.shape();
    if (s.length < 2 || s[0] != cols || s[1] != rows) {
      throw new GgufFormatException(f.path(), "tensor " + name + " has shape " + java.util.Arrays.toString(s)
          + ", expected [" + cols + ", " + rows + "]");
    }
    WeightMatrix w = WeightMatrix.of(name, t.type(), f.data(t), rows, cols);
    return copyInto == null ? w : w.resident(copyInto);
  }

  private static float[] vector(GgufFile f, String name, int n) {
    TensorInfo t = f.tensor(name);
    if (t.elements() != n) {
      throw new GgufFormatException(f.path(), "tensor " + name + " has " + t.elements() + " elements, expected " + n);
    }
    float[] v = new float[n];
    WeightMatrix.of(name, t.type(), f.data(t), 1, n).dequantizeRow(0, v, 0);
    return v;
  }
}
