package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.testing.TinyModels;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the llama2.c tokenizer: mutants of a tiny {@code tokenizer.bin} (300 tokens with byte fallback) load for a
 * 300-token model and then encode and decode a short mixed text, or fail with a {@link TokenizerException} naming the
 * file; never another throwable, never a hang.
 */
class Llama2cTokenizerFuzzTest {
  @Test
  void mutantsLoadAndEncodeOrFailNamingTheFile() throws Exception {
    FuzzRun.of("llama2c-tokenizer", ".bin", List.of(TinyModels.llama2cTokenizer(300)))
        .rejectsWith(TokenizerException.class)
        .run(file -> {
          Llama2cTokenizer t = Llama2cTokenizer.load(file, 300);
          int[] ids = t.encode("a cab, \u00e9t\u00e9 \u2603 ba", true, false);
          t.decode(ids, true, true);
        })
        .assertContract();
  }
}
