package dev.llamakit.engine.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Synthesized models have the real shapes, load in the engine and give finite logits. */
class SyntheticModelTest {
  @Test
  void stories15mShapeQ4KmLoadsAndRuns(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("s15.gguf");
    int vocab = SyntheticModel.write(ModelShape.named("stories15M"), TypeMix.Q4_K_M, null, 1, p);
    assertEquals(32000, vocab);
    try (GgufFile f = GgufFile.open(p)) {
      // 288-wide rows cannot be K-quants: fallback to Q8_0; ffn_down rows are 768 wide
      assertEquals(GgmlType.Q8_0, f.tensor("blk.0.attn_q.weight").type());
      assertEquals(GgmlType.Q6_K, f.tensor("blk.2.ffn_down.weight").type()); // use_more_bits(2, 6)
      assertEquals(GgmlType.Q4_K, f.tensor("blk.1.ffn_down.weight").type());
      assertEquals(32000L, f.tensor("token_embd.weight").shape()[1]);
    }
    try (LlamaModel m = LlamaModel.load(p, ModelOptions.defaults().withThreads(2).withWarmup(false))) {
      assertEquals(288, m.config().dim());
      int[] ids = {1, 500, 600, 700};
      float[] logits = m.forward(m.newState(), ids, 0, ids.length, 0);
      for (float v : logits) {
        assertTrue(Float.isFinite(v));
      }
    }
  }

  @Test
  void copiesVocabularyFromGguf(@TempDir Path dir) throws Exception {
    Path vocab = SharedFiles.require("golden/vocab/ggml-vocab-llama-spm.gguf");
    Path p = dir.resolve("v.gguf");
    ModelShape tiny = new ModelShape(64, 128, 1, 4, 2, 32000, 128, 10000, false, true);
    SyntheticModel.write(tiny, TypeMix.Q8_0, vocab, 2, p);
    try (GgufFile f = GgufFile.open(p)) {
      Tokenizer t = Tokenizer.fromGguf(f.metadata());
      assertEquals(Tokenizer.fromGguf(vocab).encode("Hello world", true, false).length,
          t.encode("Hello world", true, false).length);
      assertEquals(8, f.tensor("rope_freqs.weight").elements()); // head size 16
    }
  }

  @Test
  void llama3RopeFreqsHaveAllThreeRegimes() {
    // golden/README.md §2.2 lists factor 8 for its tiny model; with factor 32 the same rule gives 1 .. 32
    float[] f = SyntheticModel.llama3RopeFreqs(500000, 64);
    assertEquals(1f, f[0]);
    assertEquals(32f, f[31]);
    assertTrue(f[16] > 1f && f[16] < 32f);
  }
}
