package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.TinyModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the llama2.c checkpoint failure classes of issue #17: a bad header field or a length that does
 * not match the header is a {@link ModelFormatException} naming the file and the header field (vocab 0 and seq_len 0
 * used to load; n_heads 0, hidden_dim -1 and seq_len -1 used to crash).
 */
class Llama2cHeaderErrorsTest {
  private static final ModelOptions OPTIONS = ModelOptions.defaults().withThreads(1).withWarmup(false).withMmap(true);

  @TempDir Path dir;

  /** The tiny header with field {@code index} set to {@code value}, and the weights the valid header implies. */
  private String rejected(int index, int value, String... expected) throws Exception {
    int[] h = TinyModels.llama2cHeader();
    long floats = TinyModels.llama2cFloats(h);
    h[index] = value;
    return rejected(TinyModels.llama2c(h, floats), expected);
  }

  private String rejected(byte[] bytes, String... expected) throws Exception {
    Path p = dir.resolve("bad.bin");
    Files.write(p, bytes);
    ModelFormatException e = assertThrows(ModelFormatException.class, () -> LlamaModel.load(p, OPTIONS).close());
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
    }
    return e.getMessage();
  }

  @Test
  void theTinyCheckpointLoads() throws Exception {
    int[] h = TinyModels.llama2cHeader();
    Path p = dir.resolve("ok.bin");
    Files.write(p, TinyModels.llama2c(h, TinyModels.llama2cFloats(h)));
    try (LlamaModel m = LlamaModel.load(p, OPTIONS)) {
      assertEquals(300, m.vocabSize());
      assertEquals(300, m.forward(m.newState(), new int[] {1, 7}, 0, 2, 1).length);
    }
  }

  @Test
  void eachImpossibleHeaderFieldIsNamed() throws Exception {
    rejected(3, 0, "header n_heads = 0");
    rejected(1, -1, "header hidden_dim = -1");
    rejected(6, -1, "header seq_len = -1");
    rejected(6, 0, "header seq_len = 0");
    rejected(5, 0, "header vocab_size = 0");
    rejected(0, 0, "header dim = 0");
    rejected(2, -7, "header n_layers = -7");
    rejected(4, 0, "header n_kv_heads = 0");
    rejected(4, 3, "header n_kv_heads = 3", "does not divide header n_heads = 2");
    rejected(3, 3, "header n_heads = 3", "does not divide header dim = 8");
    rejected(3, 8, "head size (dim/n_heads) = 1", "even");
  }

  @Test
  void sizesThatDoNotMatchTheFileLengthAreNamed() throws Exception {
    int[] h = TinyModels.llama2cHeader();
    long floats = TinyModels.llama2cFloats(h);
    rejected(TinyModels.llama2c(h, floats - 1), "freq_cis_imag", "truncated");
    rejected(TinyModels.llama2c(h, floats + 1), "file length", "4 bytes left over");
    h[2] = Integer.MAX_VALUE;
    rejected(TinyModels.llama2c(h, floats), "rms_att_weight", "truncated");
    h[0] = 1 << 30;
    h[3] = 1 << 29;
    h[4] = 1 << 29;
    h[1] = Integer.MAX_VALUE;
    rejected(TinyModels.llama2c(h, floats), "token_embedding_table = 1288490188800 bytes", "truncated");
  }

  @Test
  void aFileShorterThanTheHeaderIsNamed() throws Exception {
    rejected(Arrays.copyOf(TinyModels.llama2c(TinyModels.llama2cHeader(), 0), 20), "header = 20 bytes");
    rejected(new byte[] {1, 2}, "header = 2 bytes");
  }
}
