package dev.llamakit.engine.testing;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tiny valid model files written by tests, so model-loading tests and fuzz seeds need no {@code ../shared}: a Llama
 * GGUF of a few KB (dim 8, 2 heads, 1 KV head, 2 blocks, 32 tokens, context 16, F32 weights) whose metadata a test
 * can override key by key, a llama2.c checkpoint of any header, and a llama2.c {@code tokenizer.bin}.
 */
public final class TinyModels {
  public static final int DIM = 8;
  public static final int HIDDEN = 16;
  public static final int LAYERS = 2;
  public static final int HEADS = 2;
  public static final int KV_HEADS = 1;
  public static final int VOCAB = 32;
  public static final int CONTEXT = 16;

  private TinyModels() {}

  /** The metadata of the tiny GGUF model: {@code llama.*} hyper-parameters and an SPM vocabulary. */
  public static Map<String, Object> metadata() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("general.architecture", "llama");
    m.put("llama.context_length", new GgufWriter.U32(CONTEXT));
    m.put("llama.embedding_length", new GgufWriter.U32(DIM));
    m.put("llama.block_count", new GgufWriter.U32(LAYERS));
    m.put("llama.feed_forward_length", new GgufWriter.U32(HIDDEN));
    m.put("llama.attention.head_count", new GgufWriter.U32(HEADS));
    m.put("llama.attention.head_count_kv", new GgufWriter.U32(KV_HEADS));
    m.put("llama.rope.dimension_count", new GgufWriter.U32(DIM / HEADS));
    m.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    m.put("llama.rope.freq_base", 10000f);
    String[] tokens = new String[VOCAB];
    float[] scores = new float[VOCAB];
    int[] types = new int[VOCAB];
    tokens[0] = "<unk>";
    types[0] = 2;
    tokens[1] = "<s>";
    types[1] = 3;
    tokens[2] = "</s>";
    types[2] = 3;
    tokens[3] = "<0x0A>";
    types[3] = 6;
    for (int i = 4; i < VOCAB; i++) {
      tokens[i] = "\u2581" + (char) ('a' + (i - 4) % 26) + (i - 4 >= 26 ? "x" : "");
      scores[i] = -i;
      types[i] = 1;
    }
    m.put("tokenizer.ggml.model", "llama");
    m.put("tokenizer.ggml.tokens", tokens);
    m.put("tokenizer.ggml.scores", scores);
    m.put("tokenizer.ggml.token_type", types);
    m.put("tokenizer.ggml.bos_token_id", new GgufWriter.U32(1));
    m.put("tokenizer.ggml.eos_token_id", new GgufWriter.U32(2));
    return m;
  }

  /**
   * Overrides that give the tiny model a Llama 3-style byte-level BPE vocabulary ({@code gpt2}, {@code llama-bpe}):
   * two control tokens, 26 letters, {@code Ġ} and three merges' results.
   */
  public static Map<String, Object> bpeVocabulary() {
    String[] tokens = new String[VOCAB];
    int[] types = new int[VOCAB];
    tokens[0] = "<|begin_of_text|>";
    types[0] = 3;
    tokens[1] = "<|eot_id|>";
    types[1] = 3;
    for (int i = 0; i < 26; i++) {
      tokens[2 + i] = String.valueOf((char) ('a' + i));
      types[2 + i] = 1;
    }
    String[] rest = {"\u0120", "ab", "\u0120a", "\u0120ab"};
    for (int i = 0; i < rest.length; i++) {
      tokens[28 + i] = rest[i];
      types[28 + i] = 1;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenizer.ggml.model", "gpt2");
    m.put("tokenizer.ggml.pre", "llama-bpe");
    m.put("tokenizer.ggml.tokens", tokens);
    m.put("tokenizer.ggml.scores", "<absent>");
    m.put("tokenizer.ggml.token_type", types);
    m.put("tokenizer.ggml.merges", new String[] {"a b", "\u0120 a", "\u0120a b"});
    m.put("tokenizer.ggml.bos_token_id", new GgufWriter.U32(0));
    m.put("tokenizer.ggml.eos_token_id", new GgufWriter.U32(1));
    return m;
  }

  /** Writes the tiny GGUF model with its metadata. */
  public static Path gguf(Path file) throws IOException {
    return gguf(file, Map.of());
  }

  /**
   * Writes the tiny GGUF model with {@code overrides} applied to its metadata (a key mapped to the string
   * {@code "<absent>"} is removed); the tensors keep the tiny shapes whatever the overrides say.
   */
  public static Path gguf(Path file, Map<String, Object> overrides) throws IOException {
    Map<String, Object> md = metadata();
    overrides.forEach((k, v) -> {
      if ("<absent>".equals(v)) {
        md.remove(k);
      } else {
        md.put(k, v);
      }
    });
    GgufWriter w = new GgufWriter();
    md.forEach(w::put);
    int kv = DIM / HEADS * KV_HEADS;
    matrix(w, "token_embd.weight", VOCAB, DIM);
    for (int l = 0; l < LAYERS; l++) {
      String p = "blk." + l + ".";
      matrix(w, p + "attn_norm.weight", 1, DIM);
      matrix(w, p + "attn_q.weight", DIM, DIM);
      matrix(w, p + "attn_k.weight", kv, DIM);
      matrix(w, p + "attn_v.weight", kv, DIM);
      matrix(w, p + "attn_output.weight", DIM, DIM);
      matrix(w, p + "ffn_norm.weight", 1, DIM);
      matrix(w, p + "ffn_gate.weight", HIDDEN, DIM);
      matrix(w, p + "ffn_up.weight", HIDDEN, DIM);
      matrix(w, p + "ffn_down.weight", DIM, HIDDEN);
    }
    matrix(w, "output_norm.weight", 1, DIM);
    w.write(file);
    return file;
  }

  /** An F32 tensor of {@code rows} x {@code cols} (1-D when one row) with small deterministic values. */
  private static void matrix(GgufWriter w, String name, int rows, int cols) {
    long[] shape = rows == 1 ? new long[] {cols} : new long[] {cols, rows};
    w.addTensor(name, GgmlType.F32, shape, o -> o.write(floats(rows * cols, name.hashCode())));
  }

  private static byte[] floats(int n, int salt) {
    ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      b.putFloat(((i * 31 + salt) % 17) / 170f);
    }
    return b.array();
  }

  /**
   * A llama2.c checkpoint: the 7-int header {@code dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size,
   * seq_len} followed by {@code floats} float32 weights (use {@link #llama2cFloats} for the count a valid header
   * implies).
   */
  public static byte[] llama2c(int[] header, long floats) {
    ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(28 + 4 * floats)).order(ByteOrder.LITTLE_ENDIAN);
    for (int h : header) {
      b.putInt(h);
    }
    for (long i = 0; i < floats; i++) {
      b.putFloat((i % 13) / 130f);
    }
    return b.array();
  }

  /** The float count a valid llama2.c header implies (run.c's layout; no {@code wcls} when vocab_size > 0). */
  public static long llama2cFloats(int[] h) {
    long dim = h[0], hidden = h[1], layers = h[2], heads = h[3], kvHeads = h[4], vocab = Math.abs((long) h[5]);
    long seq = h[6], hs = dim / heads, kv = kvHeads * hs;
    long n = vocab * dim + layers * dim + layers * dim * dim + 2 * layers * kv * dim + layers * dim * dim
        + layers * dim + 3 * layers * hidden * dim + dim + seq * hs;
    return h[5] > 0 ? n : n + vocab * dim;
  }

  /** A valid tiny llama2.c header: dim 8, hidden 16, 1 layer, 2 heads, 2 KV heads, shared vocab of 300, seq_len 8. */
  public static int[] llama2cHeader() {
    return new int[] {8, 16, 1, 2, 2, 300, 8};
  }

  /**
   * A llama2.c {@code tokenizer.bin} of {@code vocab} tokens: {@code <unk>, <s>, </s>}, then byte tokens
   * {@code <0x00>..} (while they fit), then {@code " "} and short letter pieces with falling scores.
   */
  public static byte[] llama2cTokenizer(int vocab) {
    String[] pieces = new String[vocab];
    for (int i = 0; i < vocab; i++) {
      if (i < 3) {
        pieces[i] = new String[] {"<unk>", "\n<s>\n", "\n</s>\n"}[i];
      } else if (i < 259 && vocab >= 262) {
        pieces[i] = String.format("<0x%02X>", i - 3);
      } else {
        int k = i - (vocab >= 262 ? 259 : 3);
        pieces[i] = k == 0 ? " " : k <= 26 ? String.valueOf((char) ('a' + k - 1)) : " " + (char) ('a' + k % 26);
      }
    }
    int maxLen = 0;
    int bytes = 4;
    for (String p : pieces) {
      maxLen = Math.max(maxLen, p.getBytes(StandardCharsets.UTF_8).length);
      bytes += 8 + p.getBytes(StandardCharsets.UTF_8).length;
    }
    ByteBuffer b = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(maxLen);
    for (int i = 0; i < vocab; i++) {
      byte[] p = pieces[i].getBytes(StandardCharsets.UTF_8);
      b.putFloat(i < 3 ? 0 : -i);
      b.putInt(p.length);
      b.put(p);
    }
    return b.array();
  }
}
