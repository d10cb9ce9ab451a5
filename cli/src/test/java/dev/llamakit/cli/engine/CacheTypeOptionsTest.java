package dev.llamakit.cli.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.TinyModels;
import java.nio.file.Path;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --cache-type-k/--cache-type-v} on the model commands and in {@code engine bench}, whose header they join. */
class CacheTypeOptionsTest {
  @TempDir static Path dir;
  private static Path model;

  @BeforeAll
  static void writeModel() throws Exception {
    model = TinyModels.gguf(dir.resolve("tiny.gguf"));
  }

  @Test
  void anF16CacheGeneratesWhatTheF32CacheDoes() {
    CommandRun f32 = CommandRun.of(new GenerateCommand(), "-m", model.toString(), "-p", "a b", "-n", "8", "--greedy", "--threads", "1");
    CommandRun f16 = CommandRun.of(new GenerateCommand(), "-m", model.toString(), "-p", "a b", "-n", "8", "--greedy", "--threads", "1",
        "-ctk", "f16", "--cache-type-v", "F16");  // llama.cpp spells -ctk too
    assertEquals(0, f16.exit(), f16.err());
    assertEquals(f32.out(), f16.out());
  }

  @Test
  void anUnknownTypeIsAUsageErrorNamingTheOption() {
    CommandRun r = CommandRun.of(new GenerateCommand(), "-m", model.toString(), "-p", "a", "--cache-type-k", "bf16");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("'--cache-type-k': expected f32, f16 or q8_0, got 'bf16'"), r.err());
  }

  @Test
  void q8OnAModelWhoseHeadsAreNotWholeBlocksFailsNamingTheFile() {
    CommandRun r = CommandRun.of(new GenerateCommand(), "-m", model.toString(), "-p", "a", "--cache-type-v", "q8_0");
    assertEquals(1, r.exit(), r.err());
    assertTrue(r.err().contains("KV cache type Q8_0 for values does not fit " + model), r.err());
  }

  @Test
  void benchPrintsTheMachineAndTheKvBytesPerToken() {
    CommandRun r = CommandRun.of(new BenchCommand(), "-m", model.toString(), "--prompt-tokens", "4", "--gen-tokens", "4", "--repeats",
        "0", "--bandwidth-mib", "1", "--threads", "1", "--cache-type-k", "f16");
    assertEquals(0, r.exit(), r.err());
    int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    assertTrue(r.out().contains("vectors     " + bits + "-bit (FloatVector.SPECIES_PREFERRED)\n"), r.out());
    assertTrue(r.out().startsWith("cpu         "), r.out());
    // 2 layers of 4 keys and 4 values: keys f16 2 * 8 bytes, values f32 2 * 16 bytes
    assertTrue(r.out().contains("kv cache          48 bytes/token (keys f16 16 + values f32 32; 0.0 MB for the "
        + TinyModels.CONTEXT + "-token context)"), r.out());
  }
}
