package dev.llamakit.engine.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.inference.LogProbs;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Quantizing stories260K-f32 keeps its predictions close to the float model. */
class GgufQuantizerTest {
  @ParameterizedTest
  @CsvSource({"Q8_0, 0.02", "Q4_0, 0.4"})
  void quantizedModelTracksFloatModel(GgmlType type, double meanTol, @TempDir Path dir) throws Exception {
    Path src = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    Path out = dir.resolve("q.gguf");
    GgufQuantizer.Summary s = GgufQuantizer.quantize(src, out, type);
    assertTrue(s.quantized() > 0 && s.bytesOut() < s.bytesIn(), s.toString());
    try (GgufFile f = GgufFile.open(out)) {
      assertEquals(type, f.tensor("blk.0.attn_q.weight").type());
      assertEquals(GgmlType.F32, f.tensor("blk.0.ffn_down.weight").type(), "172-wide rows are kept");
    }
    ModelOptions o = ModelOptions.defaults().withThreads(1).withWarmup(false).withExactActivations(true);
    int[] ids = {1, 403, 407, 261, 378, 432, 383, 286, 261, 376, 298, 315, 421, 395, 317};
    try (LlamaModel a = LlamaModel.load(src, o); LlamaModel b = LlamaModel.load(out, o)) {
      float[] la = a.forward(a.newState(), ids, 0, ids.length, 0);
      float[] lb = b.forward(b.newState(), ids, 0, ids.length, 0);
      int v = a.vocabSize();
      double sum = 0;
      for (int p = 0; p < ids.length; p++) {
        double[] pa = LogProbs.logSoftmax(la, p * v, v), pb = LogProbs.logSoftmax(lb, p * v, v);
        double kl = 0;
        for (int i = 0; i < v; i++) {
          kl += Math.exp(pa[i]) * (pa[i] - pb[i]);
        }
        sum += kl;
      }
      double meanKl = sum / ids.length;
      assertTrue(meanKl < meanTol, type + " mean KL " + meanKl);
    }
  }
}
