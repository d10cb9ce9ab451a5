package dev.llamakit.engine.model;

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

  /** Fails on sizes no forward pass can run with; loaders check files first ({@link HyperParameters}). */
  public LlamaConfig {
    if (dim <= 0 || hiddenDim <= 0 || heads <= 0 || kvHeads <= 0 || dim % heads != 0 || heads % kvHeads != 0
        || layers <= 0 || vocabSize <= 0 || contextLength <= 0 || ropeDims <= 0 || ropeDims % 2 != 0
        || ropeDims > dim / heads) {
      throw new IllegalArgumentException("inconsistent Llama shape: dim " + dim + ", hidden " + hiddenDim + ", heads "
          + heads + ", kv heads " + kvHeads + ", layers " + layers + ", vocab " + vocabSize + ", context "
          + contextLength + ", rope dims " + ropeDims);
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

  /**
   * Reads the {@code llama.*} keys and checks them as a whole ({@link HyperParameters}); fails naming the file and
   * the key, for any other {@code general.architecture} too.
   *
   * @param vocabFromTensor the rows of {@code token_embd.weight}, the vocabulary size when {@code llama.vocab_size}
   *     is absent (-1 when that tensor has no second dimension)
   */
  public static LlamaConfig fromGguf(Path file, GgufMetadata md, long vocabFromTensor) {
    String arch = md.getString("general.architecture");
    if (!arch.equals("llama")) {
      throw new ModelFormatException(file, "general.architecture", "'" + arch + "'",
          "the engine supports only 'llama'");
    }
    HyperParameters.Names names = HyperParameters.Names.GGUF;
    long dim = md.getLong(names.dim());
    long heads = md.getLong(names.heads());
    boolean vocabKey = md.has(names.vocabSize());
    HyperParameters hp = new HyperParameters(dim, md.getLong(names.hiddenDim()), md.getLong(names.layers()), heads,
        md.has(names.kvHeads()) ? md.getLong(names.kvHeads()) : heads,
        vocabKey ? md.getLong(names.vocabSize()) : vocabFromTensor, md.getLong(names.contextLength()),
        md.getFloat(names.rmsEps(), 1e-5f), md.getFloat(names.ropeBase(), 10000f),
        md.has(names.ropeDims()) ? md.getLong(names.ropeDims()) : heads > 0 ? dim / heads : 0);
    LlamaConfig c = hp.check(file, vocabKey ? names : new HyperParameters.Names(names.dim(), names.hiddenDim(),
        names.layers(), names.heads(), names.kvHeads(), "rows of token_embd.weight", names.contextLength(),
        names.rmsEps(), names.ropeBase(), names.ropeDims()));
    if (c.ropeDims() != c.headSize()) {
      // llama.cpp (llama-model.cpp, load_hparams) rejects a llama model whose n_rot is not the head size; so do we.
      throw new ModelFormatException(file, names.ropeDims(), c.ropeDims(), "must equal the head size "
          + c.headSize() + " for a llama model (llama.cpp requires the same)");
    }
    return c;
  }
}
