package dev.llamakit.engine.synth;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufWriter;
import dev.llamakit.engine.tensor.RandomBlocks;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a random-weight Llama GGUF with the tensor shapes of a real model ({@link ModelShape}) in a
 * {@link TypeMix}, for benchmarks and kernel tests. Float weights are N(0, 0.02²), norms 1, quantized weights random
 * blocks with small scales. The vocabulary is copied from a vocab GGUF ({@code tokenizer.*} keys) or is a synthetic
 * SentencePiece-style byte-level vocabulary.
 */
public final class SyntheticModel {
  private SyntheticModel() {}

  /** Writes the model to {@code out}; {@code vocabGguf} may be null. Returns the vocabulary size used. */
  public static int write(ModelShape shape, TypeMix mix, Path vocabGguf, long seed, Path out) throws IOException {
    GgufWriter w = new GgufWriter();
    w.put("general.architecture", "llama");
    w.put("general.name", "llamakit synthetic " + shape.dim() + "x" + shape.layers() + " " + mix);
    int vocab = shape.vocab();
    Map<String, Object> tokenizer = vocabGguf == null ? SyntheticVocab.metadata(vocab) : copyVocab(vocabGguf);
    if (vocabGguf != null) {
      vocab = ((String[]) tokenizer.get("tokenizer.ggml.tokens")).length;
    }
    w.put("llama.context_length", new GgufWriter.U32(shape.context()));
    w.put("llama.embedding_length", new GgufWriter.U32(shape.dim()));
    w.put("llama.block_count", new GgufWriter.U32(shape.layers()));
    w.put("llama.feed_forward_length", new GgufWriter.U32(shape.hiddenDim()));
    w.put("llama.attention.head_count", new GgufWriter.U32(shape.heads()));
    w.put("llama.attention.head_count_kv", new GgufWriter.U32(shape.kvHeads()));
    w.put("llama.rope.freq_base", (float) shape.ropeBase());
    w.put("llama.rope.dimension_count", new GgufWriter.U32(shape.headSize()));
    w.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.put("llama.vocab_size", new GgufWriter.U32(vocab));
    tokenizer.forEach(w::put);

    SplittableRandom rnd = new SplittableRandom(seed);
    int dim = shape.dim(), hs = shape.headSize(), kv = shape.kvHeads() * hs, ff = shape.hiddenDim();
    String embName = shape.tied() ? "output.weight" : "token_embd.weight";
    matrix(w, "token_embd.weight", mix.typeFor(embName, -1, shape.layers(), dim), vocab, dim, rnd.split());
    if (shape.llama3RopeFreqs()) {
      float[] f = llama3RopeFreqs(shape.ropeBase(), hs);
      w.addTensor("rope_freqs.weight", GgmlType.F32, new long[] {f.length}, o -> writeFloats(o, f));
    }
    for (int l = 0; l < shape.layers(); l++) {
      String p = "blk." + l + ".";
      norm(w, p + "attn_norm.weight", dim);
      matrix(w, p + "attn_q.weight", mix.typeFor(p + "attn_q.weight", l, shape.layers(), dim), dim, dim, rnd.split());
      matrix(w, p + "attn_k.weight", mix.typeFor(p + "attn_k.weight", l, shape.layers(), dim), kv, dim, rnd.split());
      matrix(w, p + "attn_v.weight", mix.typeFor(p + "attn_v.weight", l, shape.layers(), dim), kv, dim, rnd.split());
      matrix(w, p + "attn_output.weight", mix.typeFor(p + "attn_output.weight", l, shape.layers(), dim), dim, dim,
          rnd.split());
      norm(w, p + "ffn_norm.weight", dim);
      matrix(w, p + "ffn_gate.weight", mix.typeFor(p + "ffn_gate.weight", l, shape.layers(), dim), ff, dim, rnd.split());
      matrix(w, p + "ffn_up.weight", mix.typeFor(p + "ffn_up.weight", l, shape.layers(), dim), ff, dim, rnd.split());
      matrix(w, p + "ffn_down.weight", mix.typeFor(p + "ffn_down.weight", l, shape.layers(), ff), dim, ff, rnd.split());
    }
    norm(w, "output_norm.weight", dim);
    if (!shape.tied()) {
      matrix(w, "output.weight", mix.typeFor("output.weight", -1, shape.layers(), dim), vocab, dim, rnd.split());
    }
    w.write(out);
    return vocab;
  }

  /** Llama 3.1-style RoPE divisors (factor 32, low 1, high 4, original context 8192), as the HF converter computes. */
  static float[] llama3RopeFreqs(double base, int headSize) {
    float[] f = new float[headSize / 2];
    double factor = 32, low = 1, high = 4, orig = 8192;
    for (int i = 0; i < f.length; i++) {
      double freq = 1.0 / Math.pow(base, 2.0 * i / headSize);
      double wavelen = 2 * Math.PI / freq;
      if (wavelen < orig / high) {
        f[i] = 1f;
      } else if (wavelen > orig / low) {
        f[i] = (float) factor;
      } else {
        double smooth = (orig / wavelen - low) / (high - low);
        f[i] = (float) (1 / ((1 - smooth) / factor + smooth));
      }
    }
    return f;
  }

  private static Map<String, Object> copyVocab(Path vocab) throws IOException {
    try (GgufFile f = GgufFile.open(vocab)) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      f.metadata().asMap().forEach((k, v) -> {
        if (k.startsWith("tokenizer.")) {
          out.put(k, v);
        }
      });
      if (!out.containsKey("tokenizer.ggml.tokens")) {
        throw new IOException(vocab + " has no tokenizer.ggml.tokens: not a vocabulary GGUF");
      }
      return out;
    }
  }

  private static void norm(GgufWriter w, String name, int n) {
    float[] ones = new float[n];
    java.util.Arrays.fill(ones, 1f);
    w.addTensor(name, GgmlType.F32, new long[] {n}, o -> writeFloats(o, ones));
  }

  private static void writeFloats(java.io.OutputStream o, float[] f) throws IOException {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 * f.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(f);
    o.write(b.array());
  }

  private static void matrix(GgufWriter w, String name, GgmlType type, int rows, int cols, SplittableRandom rnd) {
    w.addTensor(name, type, new long[] {cols, rows}, o -> {
      long rowBytes = type.byteSize(cols);
      int chunkRows = (int) Math.max(1, (4L << 20) / rowBytes);
      byte[] buf = new byte[(int) (chunkRows * rowBytes)];
      for (int r = 0; r < rows; r += chunkRows) {
        int n = Math.min(chunkRows, rows - r);
        RandomBlocks.fill(type, MemorySegment.ofArray(buf), (long) n * cols, rnd, 0.02f);
        o.write(buf, 0, (int) (n * rowBytes));
      }
    });
  }
}
