package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgufFormatException;
import dev.llamakit.engine.gguf.GgufMetadata;
import java.nio.file.Path;

/**
 * Hyper-parameters of a Llama-architecture model.
 *
 * @param dim embedding width ({@code n_embd})
 * @param hiddenDim feed-forward width ({@code n_ff})
 * @param layers number of transformer blocks
 * @param heads query heads
 * @param kvHeads key/value heads (GQA when fewer than {@code heads})
 * @param vocabSize vocabulary size
 * @param contextLength the model's trained context
 * @param rmsEps RMSNorm epsilon
 * @param ropeBase RoPE frequency base
 * @param ropeDims rotated dimensions per head
 */
public record LlamaConfig(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize, int contextLength,
    float rmsEps, float ropeBase, int ropeDims) {

  public LlamaConfig {
    if (dim <= 0 || heads <= 0 || kvHeads <= 0 || dim % heads != 0 || heads % kvHeads != 0 || layers <= 0) {
      throw new IllegalArgumentException("inconsistent Llama shape: dim " + dim + ", heads " + heads + ", kv heads "
          + kvHeads + ", layers " + layers);
    }
  }

  /** Width of one head. */
  public int headSize() {
    return dim / heads;
  }

  /** Width of the key/value projections. */
  public int kvDim() {
    return kvHeads * headSize();
  }

  /** Reads the {@code llama.*} keys; fails naming the file for any other {@code general.architecture}. */
  public static LlamaConfig fromGguf(Path file, GgufMetadata md, int vocabFromTensor) {
    String arch = md.getString("general.architecture");
    if (!arch.equals("llama")) {
      throw new GgufFormatException(file, "general.architecture is '" + arch
          + "'; the engine supports only 'llama'");
    }
    int dim = md.getInt("llama.embedding_length");
    int heads = md.getInt("llama.attention.head_count");
    int vocab = md.has("llama.vocab_size") ? md.getInt("llama.vocab_size") : vocabFromTensor;
    return new LlamaConfig(dim, md.getInt("llama.feed_forward_length"), md.getInt("llama.block_count"), heads,
        md.getInt("llama.attention.head_count_kv", heads), vocab, md.getInt("llama.context_length"),
        md.getFloat("llama.attention.layer_norm_rms_epsilon", 1e-5f), md.getFloat("llama.rope.freq_base", 10000f),
        md.getInt("llama.rope.dimension_count", dim / heads));
  }
}
