package dev.llamakit.engine.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.sampling.SamplingParams;
import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.tokenizer.Llama2cTokenizer;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * stories260K.bin + tok512.bin, 200 greedy steps from BOS, give exactly llama2.c run.c's text, with the weights
 * copied into memory (the default) and read from the mapped file.
 */
class Llama2cGreedyTextTest {
  @ParameterizedTest(name = "mmap={0}")
  @ValueSource(booleans = {false, true})
  void greedyTextEqualsRunC(boolean mmap) throws Exception {
    var bin = SharedFiles.require("models/stories260K/stories260K.bin");
    var tokFile = SharedFiles.require("models/stories260K/tok512.bin");
    String expected = Files.readString(SharedFiles.require("models/stories260K/expected_llama2c_runc_greedy_n200.txt"));
    try (LlamaEngine e = LlamaEngine.load(bin, ModelOptions.defaults().withThreads(1).withWarmup(false)
        .withMmap(mmap))) {
      Llama2cTokenizer tok = Llama2cTokenizer.load(tokFile, e.model().vocabSize());
      int[] prompt = tok.encode("", true, false);
      assertArrayEquals(new int[] {1}, prompt);
      // run.c: 200 forward steps, stops early if BOS is sampled
      GenerationResult g = e.generate(prompt, SamplingParams.greedy(200).withStopTokens(Set.of(1)),
          TokenListener.none());
      int[] all = new int[1 + g.tokens().length];
      all[0] = 1;
      System.arraycopy(g.tokens(), 0, all, 1, g.tokens().length);
      String text = tok.decode(all, true, false);
      assertEquals(expected.strip(), text.strip(), "tokens " + Arrays.toString(g.tokens()));
    }
  }
}
