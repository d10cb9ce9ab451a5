package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgufFormatException;
import dev.llamakit.engine.testing.TinyModels;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.engine.tokenizer.TokenizerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes model loading end to end from GGUF: mutants of the tiny model (with an SPM and a BPE vocabulary) are opened, their config and weights loaded
 * and their tokenizer built, as {@code engine generate} does. The contract: it loads, or fails with the engine's own
 * exception ({@link GgufFormatException}, {@link ModelFormatException}, {@link TokenizerException}) naming the file;
 * never another throwable, never a hang. Mutants whose magic breaks are read as llama2.c checkpoints and must fail
 * the same way.
 */
class ModelLoadFuzzTest {
  private static final ModelOptions OPTIONS = ModelOptions.defaults().withThreads(1).withWarmup(false).withMmap(true);

  @TempDir Path dir;

  @Test
  void mutantsLoadOrFailNamingTheFile() throws Exception {
    byte[] spm = Files.readAllBytes(TinyModels.gguf(dir.resolve("tiny.gguf")));
    byte[] bpe = Files.readAllBytes(TinyModels.gguf(dir.resolve("tiny-bpe.gguf"), TinyModels.bpeVocabulary()));
    FuzzRun.of("model-load", ".gguf", List.of(spm, bpe))
        .rejectsWith(GgufFormatException.class, ModelFormatException.class, TokenizerException.class)
        .run(file -> {
          try (LlamaModel m = LlamaModel.load(file, OPTIONS)) {
            if (m.metadata().isPresent()) {
              Tokenizer.fromGguf(m.metadata().get());
            }
          }
        })
        .assertContract();
  }
}
