package dev.llamakit.engine.synth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synthetic SentencePiece-style vocabulary: {@code <unk>}, {@code <s>}, {@code </s>}, the 256 byte tokens
 * {@code <0x00>..<0xFF>}, then filler pieces {@code ▁t<i>}; enough for byte-level tokenization of any text.
 */
final class SyntheticVocab {
  private SyntheticVocab() {}

  static Map<String, Object> metadata(int size) {
    if (size < 259) {
      throw new IllegalArgumentException("a byte-level vocabulary needs at least 259 tokens, got " + size);
    }
    String[] tokens = new String[size];
    float[] scores = new float[size];
    int[] types = new int[size];
    tokens[0] = "<unk>";
    types[0] = 2;
    tokens[1] = "<s>";
    types[1] = 3;
    tokens[2] = "</s>";
    types[2] = 3;
    for (int b = 0; b < 256; b++) {
      tokens[3 + b] = String.format("<0x%02X>", b);
      types[3 + b] = 6;
    }
    for (int i = 259; i < size; i++) {
      tokens[i] = "\u2581t" + i;
      scores[i] = -(i - 259);
      types[i] = 1;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenizer.ggml.model", "llama");
    m.put("tokenizer.ggml.tokens", tokens);
    m.put("tokenizer.ggml.scores", scores);
    m.put("tokenizer.ggml.token_type", types);
    m.put("tokenizer.ggml.bos_token_id", 1L);
    m.put("tokenizer.ggml.eos_token_id", 2L);
    m.put("tokenizer.ggml.unknown_token_id", 0L);
    m.put("tokenizer.ggml.add_bos_token", true);
    m.put("tokenizer.ggml.add_eos_token", false);
    return m;
  }
}
