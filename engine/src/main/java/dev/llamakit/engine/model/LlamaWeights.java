package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.TensorInfo;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.lang.foreign.SegmentAllocator;
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
    for (WeightMatrix w : decodeMatrices()) {
      m.putIfAbsent(w.type(), w);
    }
    return m.values();
  }

  /** The ggml types used. */
  public Set<GgmlType> types() {
    Set<GgmlType> s = EnumSet.of(tokenEmbedding.type());
    for (WeightMatrix w : decodeMatrices()) {
      s.add(w.type());
    }
    return s;
  }

  /** Bytes of weights streamed per decoded token (all matrices but the embedding, plus the output). */
  public long bytesPerToken() {
    long b = 0;
    for (WeightMatrix w : decodeMatrices()) {
      b += w.byteSize();
    }
    return b;
  }

  /** The matrices read on every decode step: all layer matrices, then the output. */
  public List<WeightMatrix> decodeMatrices() {
    List<WeightMatrix> all = new java.util.ArrayList<>();
    for (LayerWeights l : layers) {
      all.addAll(l.matrices());
    }
    all.add(output);
    return all;
  }

  /** Bytes {@link #resident} takes, alignment included. */
  public long residentBytes() {
    long b = 0;
    for (WeightMatrix w : decodeMatrices()) {
      b += w.residentBytes() + WeightMatrix.RESIDENT_ALIGNMENT;
    }
    return b;
  }

  /**
   * These weights with every decode-step matrix (and the embedding when it doubles as the output) held in process
   * memory from {@code memory} ({@link WeightMatrix#resident}); an untied embedding, read one row per token, stays
   * where it is.
   */
  public LlamaWeights resident(SegmentAllocator memory) {
    List<LayerWeights> ls = new java.util.ArrayList<>();
    for (LayerWeights l : layers) {
      ls.add(l.mapMatrices(w -> w.resident(memory)));
    }
    WeightMatrix out = output.resident(memory);
    return new LlamaWeights(output == tokenEmbedding ? out : tokenEmbedding, List.copyOf(ls), outputNorm, out,
        ropeFreqs);
  }

  /** Tensors per transformer block: two norms, q, k, v, output, gate, up, down. */
  private static final int TENSORS_PER_BLOCK = 9;

  /**
   * Wraps the tensors of a GGUF file (llama naming), checking every shape and type against {@code c}; the block count
   * is checked against the tensors present before anything is allocated for the blocks.
   */
  static LlamaWeights fromGguf(GgufFile f, LlamaConfig c) {
    int tensors = f.tensors().size();
    if (c.layers() > tensors / TENSORS_PER_BLOCK) {
      throw new ModelFormatException(f.path(), "llama.block_count", c.layers(), "the file holds only " + tensors
          + " tensors, too few for that many blocks of " + TENSORS_PER_BLOCK);
    }
    if (f.hasTensor("blk." + c.layers() + ".attn_norm.weight")) {
      // llama.cpp fails too when a file has tensors the model does not use ("wrong number of tensors").
      throw new ModelFormatException(f.path(), "llama.block_count", c.layers(), "the file also holds tensors of block "
          + c.layers());
    }
    WeightMatrix emb = matrix(f, "token_embd.weight", c.vocabSize(), c.dim());
    LayerWeights[] layers = new LayerWeights[c.layers()];
    int qDim = c.heads() * c.headSize();
    for (int i = 0; i < c.layers(); i++) {
      String p = "blk." + i + ".";
      layers[i] = new LayerWeights(vector(f, p + "attn_norm.weight", c.dim()),
          matrix(f, p + "attn_q.weight", qDim, c.dim()), matrix(f, p + "attn_k.weight", c.kvDim(), c.dim()),
          matrix(f, p + "attn_v.weight", c.kvDim(), c.dim()), matrix(f, p + "attn_output.weight", c.dim(), qDim),
          vector(f, p + "ffn_norm.weight", c.dim()), matrix(f, p + "ffn_gate.weight", c.hiddenDim(), c.dim()),
          matrix(f, p + "ffn_up.weight", c.hiddenDim(), c.dim()),
          matrix(f, p + "ffn_down.weight", c.dim(), c.hiddenDim()));
    }
    WeightMatrix out = f.hasTensor("output.weight") ? matrix(f, "output.weight", c.vocabSize(), c.dim()) : emb;
    float[] ropeFreqs = f.hasTensor("rope_freqs.weight") ? vector(f, "rope_freqs.weight", c.ropeDims() / 2) : null;
    return new LlamaWeights(emb, List.of(layers), vector(f, "output_norm.weight", c.dim()), out, ropeFreqs);
  }

  /** The tensor {@code name}, present and of a type the engine computes with. */
  private static TensorInfo require(GgufFile f, String name) {
    if (!f.hasTensor(name)) {
      throw new ModelFormatException(f.path(), name, "tensor is missing");
    }
    TensorInfo t = f.tensor(name);
    if (!t.type().supported()) {
      throw new ModelFormatException(f.path(), name, t.type(), "the engine has no kernel for this tensor type "
          + "(supported: F32, F16, BF16, Q8_0, Q4_0, Q4_K, Q5_K, Q6_K)");
    }
    return t;
  }

  private static WeightMatrix matrix(GgufFile f, String name, int rows, int cols) {
    TensorInfo t = require(f, name);
    long[] s = t.shape();
    if (s.length < 2 || s[0] != cols || s[1] != rows || t.elements() != (long) rows * cols) {
      throw new ModelFormatException(f.path(), name, java.util.Arrays.toString(s), "expected shape [" + cols + ", "
          + rows + "]");
    }
    return WeightMatrix.of(name, t.type(), f.data(t), rows, cols);
  }

  private static float[] vector(GgufFile f, String name, int n) {
    TensorInfo t = require(f, name);
    if (t.elements() != n) {
      throw new ModelFormatException(f.path(), name, java.util.Arrays.toString(t.shape()), "expected " + n
          + " elements");
    }
    float[] v = new float[n];
    WeightMatrix.of(name, t.type(), f.data(t), 1, n).dequantizeRow(0, v, 0);
    return v;
  }
}
