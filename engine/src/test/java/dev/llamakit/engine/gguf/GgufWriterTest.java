package dev.llamakit.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by GgufWriter read back through GgufFile unchanged. */
class GgufWriterTest {
  @Test
  void roundTripsMetadataAndTensors(@TempDir Path dir) throws Exception {
    byte[] a = new byte[4 * 64];
    for (int i = 0; i < a.length; i++) {
      a[i] = (byte) (i * 7);
    }
    byte[] b = new byte[34 * 3];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (255 - i);
    }
    GgufWriter w = new GgufWriter()
        .put("general.architecture", "llama")
        .put("llama.block_count", new GgufWriter.U32(6))
        .put("i32", -5)
        .put("big", 1L << 40)
        .put("f", 1.5f)
        .put("d", 2.25)
        .put("flag", true)
        .put("names", new String[] {"a", "▁b", ""})
        .put("scores", new float[] {0.5f, -1f})
        .put("types", new int[] {1, 3, 6});
    w.addTensor("x.weight", GgmlType.F32, new long[] {8, 8}, o -> o.write(a));
    w.addTensor("q.weight", GgmlType.Q8_0, new long[] {32, 3}, o -> o.write(b));
    Path p = dir.resolve("m.gguf");
    w.write(p);
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
    try (GgufFile f = GgufFile.open(p)) {
      GgufMetadata m = f.metadata();
      assertEquals("llama", m.getString("general.architecture"));
      assertEquals(6, m.getInt("llama.block_count"));
      assertEquals(-5, m.getInt("i32"));
      assertEquals(1L << 40, m.getLong("big"));
      assertEquals(1.5f, m.getFloat("f"));
      assertEquals(2.25, (Double) m.find("d").orElseThrow());
      assertTrue(m.getBoolean("flag", false));
      assertArrayEquals(new String[] {"a", "▁b", ""}, m.getStringArray("names"));
      assertArrayEquals(new float[] {0.5f, -1f}, m.getFloatArray("scores"));
      assertArrayEquals(new int[] {1, 3, 6}, m.getIntArray("types"));
      assertEquals(2, f.tensors().size());
      assertArrayEquals(a, f.data(f.tensor("x.weight")).toArray(ValueLayout.JAVA_BYTE));
      assertArrayEquals(b, f.data(f.tensor("q.weight")).toArray(ValueLayout.JAVA_BYTE));
      assertEquals(0, f.tensor("q.weight").offset() % 32);
    }
  }
}
