package dev.llamakit.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufFileTest {
  @TempDir Path tmp;

  @Test
  void readsStories260KHeaderMetadataAndTensors() throws Exception {
    Path p = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals("llama", f.metadata().getString("general.architecture"));
      assertEquals(64, f.metadata().getInt("llama.embedding_length"));
      assertEquals(5, f.metadata().getInt("llama.block_count"));
      assertEquals(512, f.metadata().getStringArray("tokenizer.ggml.tokens").length);
      assertEquals(48, f.tensors().size());
      TensorInfo emb = f.tensor("token_embd.weight");
      assertEquals(GgmlType.F32, emb.type());
      assertTrue(Arrays.equals(new long[] {64, 512}, emb.shape()));
      assertEquals(emb.byteSize(), f.data(emb).byteSize());
    }
  }

  @Test
  void truncatedFileNamesTheTensor() throws Exception {
    Path src = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path cut = tmp.resolve("cut.gguf");
    byte[] all = Files.readAllBytes(src);
    Files.write(cut, Arrays.copyOf(all, all.length - 1000));
    GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(cut).close());
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("cut.gguf"), e.getMessage());
  }

  @Test
  void badMagicIsReported() throws Exception {
    Path bad = tmp.resolve("bad.gguf");
    Files.write(bad, "NOTAGGUFFILE-padding-padding-padding".getBytes());
    GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(bad).close());
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }

  @Test
  void headerCutShortIsReported() throws Exception {
    Path src = SharedFiles.require("models/stories260K/stories260K-f32.gguf");
    Path cut = tmp.resolve("short.gguf");
    Files.write(cut, Arrays.copyOf(Files.readAllBytes(src), 300));
    GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufFile.open(cut).close());
    assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("short.gguf"), e.getMessage());
  }
}
