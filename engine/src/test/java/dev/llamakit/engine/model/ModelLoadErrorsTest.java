package dev.llamakit.engine.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufWriter;
import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading fails with messages that name the file and the problem. */
class ModelLoadErrorsTest {
  @Test
  void unknownArchitectureIsNamed(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("falcon.gguf");
    new GgufWriter().put("general.architecture", "falcon")
        .addTensor("token_embd.weight", GgmlType.F32, new long[] {32, 4}, o -> o.write(new byte[4 * 32 * 4]))
        .write(p);
    var e = assertThrows(ModelFormatException.class, () -> LlamaModel.load(p, ModelOptions.defaults()));
    assertTrue(e.getMessage().contains("falcon") && e.getMessage().contains(p.toString()), e.getMessage());
  }

  @Test
  void contextLongerThanModelIsRejected() throws Exception {
    Path model = SharedFiles.require("golden/models/stories260K/stories260K-f32.gguf");
    var e = assertThrows(IllegalArgumentException.class,
        () -> LlamaModel.load(model, ModelOptions.defaults().withContextLength(4096).withWarmup(false)));
    assertTrue(e.getMessage().contains("exceeds the model's 128"), e.getMessage());
  }

  @Test
  void truncatedLlama2cCheckpointNamesField(@TempDir Path dir) throws Exception {
    Path bin = SharedFiles.require("models/stories260K/stories260K.bin");
    byte[] all = Files.readAllBytes(bin);
    Path cut = dir.resolve("cut.bin");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
    var e = assertThrows(ModelFormatException.class, () -> LlamaModel.load(cut, ModelOptions.defaults()));
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("cut.bin: w"), e.getMessage());
  }
}
