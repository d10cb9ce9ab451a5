package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.TinyModels;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LlamaEngine#generate} sizes its buffers by the context, not by {@code maxTokens}. */
class GenerateBoundsTest {
  @Test
  void intMaxTokensStopsAtTheContextWithoutAllocatingForIt(@TempDir Path dir) throws Exception {
    Path model = TinyModels.gguf(dir.resolve("tiny.gguf"));
    ModelOptions o = ModelOptions.defaults().withThreads(1).withWarmup(false).withMmap(true);
    try (LlamaEngine e = LlamaEngine.load(model, o)) {
      int[] prompt = {1, 4, 5};
      GenerationResult r = e.generate(prompt, SamplingParams.greedy(Integer.MAX_VALUE), (id, i) -> true);
      assertEquals(TinyModels.CONTEXT - prompt.length + 1, r.tokens().length);
      assertEquals(StopReason.CONTEXT_FULL, r.stopReason());
      GenerationResult few = e.generate(prompt, SamplingParams.greedy(2), (id, i) -> true);
      assertEquals(2, few.tokens().length);
      assertEquals(StopReason.MAX_TOKENS, few.stopReason());
    }
  }
}
