package dev.llamakit.engine.model;

import java.nio.file.Path;

/**
 * The hyper-parameters of a model file as stored (wide integers, before any narrowing), checked as a whole before
 * anything is allocated from them; {@link #check} names the file and the key (GGUF) or header field (llama2.c) at
 * fault and turns them into a {@link LlamaConfig}.
 *
 * <p>Rules: every size is positive and fits an {@code int}; the query heads divide the embedding width, the
 * key/value heads divide the query heads; the rotated dimensions are even and at most the head size; the RMSNorm
 * epsilon is finite and non-negative and the RoPE base finite and positive. Whether the file holds the tensors these
 * sizes promise is checked where the weights are read.
 */
record HyperParameters(long dim, long hiddenDim, long layers, long heads, long kvHeads, long vocabSize,
    long contextLength, float rmsEps, float ropeBase, long ropeDims) {

  /** Where a file format stores each hyper-parameter, for messages. */
  record Names(String dim, String hiddenDim, String layers, String heads, String kvHeads, String vocabSize,
      String contextLength, String rmsEps, String ropeBase, String ropeDims) {
    static final Names GGUF = new Names("llama.embedding_length", "llama.feed_forward_length", "llama.block_count",
        "llama.attention.head_count", "llama.attention.head_count_kv", "llama.vocab_size", "llama.context_length",
        "llama.attention.layer_norm_rms_epsilon", "llama.rope.freq_base", "llama.rope.dimension_count");
    static final Names LLAMA2C = new Names("header dim", "header hidden_dim", "header n_layers", "header n_heads",
        "header n_kv_heads", "header vocab_size", "header seq_len", "rms_eps", "rope_theta", "head size (dim/n_heads)");
  }

  /** The config, or a {@link ModelFormatException} naming the first field that breaks a rule. */
  LlamaConfig check(Path file, Names n) {
    positive(file, n.dim(), dim);
    positive(file, n.hiddenDim(), hiddenDim);
    positive(file, n.layers(), layers);
    positive(file, n.heads(), heads);
    positive(file, n.kvHeads(), kvHeads);
    positive(file, n.vocabSize(), vocabSize);
    positive(file, n.contextLength(), contextLength);
    if (dim % heads != 0) {
      throw new ModelFormatException(file, n.heads(), heads, "does not divide " + n.dim() + " = " + dim);
    }
    if (heads % kvHeads != 0) {
      throw new ModelFormatException(file, n.kvHeads(), kvHeads, "does not divide " + n.heads() + " = " + heads);
    }
    long headSize = dim / heads;
    if (ropeDims <= 0 || ropeDims % 2 != 0 || ropeDims > headSize) {
      throw new ModelFormatException(file, n.ropeDims(), ropeDims, "must be even and in [2, head size " + headSize
          + "]");
    }
    if (!Float.isFinite(rmsEps) || rmsEps < 0) {
      throw new ModelFormatException(file, n.rmsEps(), rmsEps, "must be finite and >= 0");
    }
    if (!Float.isFinite(ropeBase) || ropeBase <= 0) {
      throw new ModelFormatException(file, n.ropeBase(), ropeBase, "must be finite and > 0");
    }
    return new LlamaConfig((int) dim, (int) hiddenDim, (int) layers, (int) heads, (int) kvHeads, (int) vocabSize,
        (int) contextLength, rmsEps, ropeBase, (int) ropeDims);
  }

  private static void positive(Path file, String field, long v) {
    if (v <= 0 || v > Integer.MAX_VALUE) {
      throw new ModelFormatException(file, field, v, "must be in [1, " + Integer.MAX_VALUE + "]");
    }
  }
}
