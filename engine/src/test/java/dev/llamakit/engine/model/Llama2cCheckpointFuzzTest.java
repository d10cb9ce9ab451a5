package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgufFormatException;
import dev.llamakit.engine.testing.TinyModels;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes llama2.c checkpoint loading: mutants of two tiny checkpoints (shared and separate classifier, MHA and GQA)
 * load or fail with a {@link ModelFormatException} naming the file (a mutant that happens to start with "GGUF" may
 * fail as a GGUF file instead); never another throwable, never a hang.
 */
class Llama2cCheckpointFuzzTest {
  private static final ModelOptions OPTIONS = ModelOptions.defaults().withThreads(1).withWarmup(false).withMmap(true);

  @Test
  void mutantsLoadOrFailNamingTheFile() throws Exception {
    int[] shared = TinyModels.llama2cHeader();
    int[] separate = {8, 12, 2, 4, 2, -40, 4};
    List<byte[]> seeds = List.of(TinyModels.llama2c(shared, TinyModels.llama2cFloats(shared)),
        TinyModels.llama2c(separate, TinyModels.llama2cFloats(separate)));
    FuzzRun.of("llama2c-checkpoint", ".bin", seeds)
        .rejectsWith(ModelFormatException.class, GgufFormatException.class)
        .run(file -> LlamaModel.load(file, OPTIONS).close())
        .assertContract();
  }
}
