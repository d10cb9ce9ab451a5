package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufWriter.U32;
import dev.llamakit.engine.testing.TinyModels;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.engine.tokenizer.TokenizerException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the model-metadata failure classes of issue #17: a tiny GGUF model with one key changed is
 * rejected with one message naming the file, the key and the value (a {@link ModelFormatException}, or a
 * {@link TokenizerException} for the vocabulary), never "/ by zero", a negative array size or an OutOfMemoryError.
 */
class ModelMetadataErrorsTest {
  private static final ModelOptions OPTIONS = ModelOptions.defaults().withThreads(1).withWarmup(false).withMmap(true);

  @TempDir Path dir;

  private void rejected(Map<String, Object> overrides, String... expected) throws Exception {
    Path p = TinyModels.gguf(dir.resolve("bad.gguf"), overrides);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LlamaModel.load(p, OPTIONS).close());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
    }
  }

  private void tokenizerRejected(Map<String, Object> overrides, String... expected) throws Exception {
    Path p = TinyModels.gguf(dir.resolve("vocab.gguf"), overrides);
    TokenizerException e;
    try (GgufFile f = GgufFile.open(p)) {
      e = assertThrows(TokenizerException.class, () -> Tokenizer.fromGguf(f.metadata()));
    }
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
    }
  }

  @Test
  void theTinyModelLoadsAndTokenizes() throws Exception {
    Path p = TinyModels.gguf(dir.resolve("ok.gguf"));
    try (LlamaModel m = LlamaModel.load(p, OPTIONS)) {
      assertEquals(TinyModels.VOCAB, m.vocabSize());
      Tokenizer t = Tokenizer.fromGguf(m.metadata().orElseThrow());
      assertEquals(1, t.encode("a", true, false)[0]);
      float[] logits = m.forward(m.newState(), new int[] {1, 4, 5}, 0, 3, 2);
      assertEquals(TinyModels.VOCAB, logits.length);
    }
  }

  @Test
  void theTinyBpeModelLoadsAndTokenizes() throws Exception {
    Path p = TinyModels.gguf(dir.resolve("bpe.gguf"), TinyModels.bpeVocabulary());
    try (LlamaModel m = LlamaModel.load(p, OPTIONS)) {
      Tokenizer t = Tokenizer.fromGguf(m.metadata().orElseThrow());
      assertEquals(java.util.List.of(0, 31), java.util.Arrays.stream(t.encode(" ab", true, false)).boxed().toList());
    }
  }

  @Test
  void headCountZeroIsNamedNotDivisionByZero() throws Exception {
    rejected(Map.of("llama.attention.head_count", new U32(0)), "llama.attention.head_count = 0");
  }

  @Test
  void headsMustDivideTheWidth() throws Exception {
    rejected(Map.of("llama.attention.head_count", new U32(3)), "llama.attention.head_count = 3",
        "does not divide llama.embedding_length = 8");
  }

  @Test
  void kvHeadsMustDivideHeads() throws Exception {
    rejected(Map.of("llama.attention.head_count_kv", new U32(3)), "llama.attention.head_count_kv = 3",
        "does not divide llama.attention.head_count = 2");
    rejected(Map.of("llama.attention.head_count_kv", new U32(0)), "llama.attention.head_count_kv = 0");
  }

  @Test
  void ropeDimensionCountMustBeEvenAndWithinTheHead() throws Exception {
    rejected(Map.of("llama.rope.dimension_count", -1), "llama.rope.dimension_count = -1");
    rejected(Map.of("llama.rope.dimension_count", new U32(1)), "llama.rope.dimension_count = 1", "even");
    rejected(Map.of("llama.rope.dimension_count", new U32(6)), "llama.rope.dimension_count = 6", "head size 4");
    // Even and inside the head, but llama.cpp requires the whole head for llama: so do we.
    rejected(Map.of("llama.rope.dimension_count", new U32(2)), "llama.rope.dimension_count = 2",
        "must equal the head size 4");
  }

  @Test
  void absurdBlockCountFailsBeforeAllocating() throws Exception {
    rejected(Map.of("llama.block_count", new U32(Integer.MAX_VALUE)), "llama.block_count = 2147483647",
        "holds only 20 tensors");
    rejected(Map.of("llama.block_count", new U32(0xFFFFFFFFL)), "llama.block_count = 4294967295");
    rejected(Map.of("llama.block_count", new U32(1)), "llama.block_count = 1", "tensors of block 1");
  }

  @Test
  void sizesMustBePositive() throws Exception {
    rejected(Map.of("llama.context_length", new U32(0)), "llama.context_length = 0");
    rejected(Map.of("llama.vocab_size", new U32(0)), "llama.vocab_size = 0");
    rejected(Map.of("llama.feed_forward_length", -1), "llama.feed_forward_length = -1");
    rejected(Map.of("llama.embedding_length", new U32(0)), "llama.embedding_length = 0");
  }

  @Test
  void nonFiniteNormAndRopeConstantsAreRejected() throws Exception {
    rejected(Map.of("llama.rope.freq_base", Float.NaN), "llama.rope.freq_base = NaN");
    rejected(Map.of("llama.attention.layer_norm_rms_epsilon", -1f), "llama.attention.layer_norm_rms_epsilon = -1.0");
  }

  @Test
  void shapesInconsistentWithTheConfigNameTheTensor() throws Exception {
    rejected(Map.of("llama.feed_forward_length", new U32(24)), "blk.0.ffn_gate.weight = [8, 16]",
        "expected shape [8, 24]");
    rejected(Map.of("llama.vocab_size", new U32(40)), "token_embd.weight = [8, 32]", "expected shape [8, 40]");
  }

  @Test
  void tokenListMustMatchTheEmbeddingRows() throws Exception {
    String[] tokens = new String[40];
    java.util.Arrays.fill(tokens, "x");
    rejected(Map.of("tokenizer.ggml.tokens", tokens, "tokenizer.ggml.scores", new float[40],
        "tokenizer.ggml.token_type", new int[40]), "tokenizer.ggml.tokens = 40 entries", "32 token embeddings");
  }

  @Test
  void otherArchitecturesAreNamed() throws Exception {
    rejected(Map.of("general.architecture", "falcon"), "general.architecture = 'falcon'");
  }

  @Test
  void tokenIdsOutsideTheVocabularyNameTheKey() throws Exception {
    tokenizerRejected(Map.of("tokenizer.ggml.bos_token_id", new U32(600)),
        "tokenizer.ggml.bos_token_id = 600 is outside the vocabulary of 32 tokens");
    tokenizerRejected(Map.of("tokenizer.ggml.eos_token_id", -5), "tokenizer.ggml.eos_token_id = -5");
    tokenizerRejected(Map.of("tokenizer.ggml.eot_token_id", new U32(32)), "tokenizer.ggml.eot_token_id = 32");
    tokenizerRejected(Map.of("tokenizer.ggml.unknown_token_id", new U32(99)), "tokenizer.ggml.unknown_token_id = 99");
  }

  @Test
  void aNullOptionalTokenIdMeansNone() throws Exception {
    Path p = TinyModels.gguf(dir.resolve("null-eot.gguf"), Map.of("tokenizer.ggml.eot_token_id", new U32(0xFFFFFFFFL)));
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals(-1, Tokenizer.fromGguf(f.metadata()).eot());
    }
  }

  @Test
  void badTokenTypesNameTheEntry() throws Exception {
    int[] types = (int[]) TinyModels.metadata().get("tokenizer.ggml.token_type");
    types[5] = 6;
    tokenizerRejected(Map.of("tokenizer.ggml.token_type", types), "tokenizer.ggml.token_type[5] = 6",
        "tokenizer.ggml.tokens[5]", "not spelled <0xXX>");
    types[5] = 9;
    tokenizerRejected(Map.of("tokenizer.ggml.token_type", types), "tokenizer.ggml.token_type[5] = 9");
  }

  @Test
  void anEmptyVocabularyIsRejected() throws Exception {
    tokenizerRejected(Map.of("tokenizer.ggml.tokens", new String[0], "tokenizer.ggml.scores", new float[0],
        "tokenizer.ggml.token_type", new int[0]), "tokenizer.ggml.tokens is empty");
  }
}
