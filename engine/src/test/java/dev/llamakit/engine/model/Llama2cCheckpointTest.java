package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.testing.SharedFiles;
import org.junit.jupiter.api.Test;

/** The llama2.c checkpoint path gives the same logits as the GGUF conversion of the same weights. */
class Llama2cCheckpointTest {
  @Test
  void binMatchesGgufOfSameWeights() throws Exception {
    var bin = SharedFiles.require("models/stories260K/stories260K.bin");
    var gguf = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    ModelOptions o = ModelOptions.defaults().withThreads(1).withWarmup(false).withExactActivations(true);
    try (LlamaModel a = LlamaModel.load(bin, o); LlamaModel b = LlamaModel.load(gguf, o)) {
      assertEquals(b.config().dim(), a.config().dim());
      assertEquals(b.vocabSize(), a.vocabSize());
      int[] ids = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298};
      float[] la = a.forward(a.newState(), ids, 0, ids.length, 0);
      float[] lb = b.forward(b.newState(), ids, 0, ids.length, 0);
      double worst = 0;
      for (int i = 0; i < la.length; i++) {
        worst = Math.max(worst, Math.abs(la[i] - lb[i]));
      }
      assertEquals(0, worst, 1e-3, "max |Δ logit| between .bin and .gguf");
    }
  }
}
