package dev.llamakit.engine.gguf;

import dev.llamakit.engine.testing.SharedFiles;
import dev.llamakit.engine.testing.TinyModels;
import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzes {@link GgufFile#open}: mutants of small GGUF files (the tiny model, a file with every metadata value type,
 * and stories260K's Q4_0 GGUF when {@code ../shared} is present) either open, with every tensor's data inside the
 * file, or fail with a {@link GgufFormatException} naming the file; never another throwable, never a hang.
 */
class GgufFuzzTest {
  @TempDir Path dir;

  @Test
  void mutantsOpenOrFailNamingTheFile() throws Exception {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Files.readAllBytes(TinyModels.gguf(dir.resolve("tiny.gguf"))));
    seeds.add(Files.readAllBytes(everyValueType(dir.resolve("types.gguf"))));
    Path root = SharedFiles.root();
    if (root != null && Files.isRegularFile(root.resolve("models/stories260K/stories260K-q4_0-mixed.gguf"))) {
      seeds.add(Files.readAllBytes(root.resolve("models/stories260K/stories260K-q4_0-mixed.gguf")));
    }
    FuzzRun.of("gguf", ".gguf", seeds)
        .rejectsWith(GgufFormatException.class)
        .run(file -> {
          try (GgufFile f = GgufFile.open(file)) {
            long bytes = 0;
            for (TensorInfo t : f.tensors()) {
              bytes += f.data(t).byteSize();
            }
            if (bytes > f.segment().byteSize()) {
              throw new AssertionError("tensor data larger than the file: " + bytes);
            }
          }
        })
        .assertContract();
  }

  /** A small GGUF with one key of each value type the writer knows, and a few quantized tensors. */
  private static Path everyValueType(Path p) throws Exception {
    GgufWriter w = new GgufWriter()
        .put("s", "text").put("b", true).put("f", 1.5f).put("d", 2.5).put("i", -7).put("u", new GgufWriter.U32(7))
        .put("l", 1L << 40).put("sa", new String[] {"a", "bc", ""}).put("fa", new float[] {1, 2})
        .put("ia", new int[] {1, -2, 3}).put("la", new long[] {5, 6}).put("da", new double[] {0.5})
        .put("ba", new boolean[] {true, false});
    w.addTensor("q8", GgmlType.Q8_0, new long[] {32, 2}, o -> o.write(new byte[2 * 34]));
    w.addTensor("q4k", GgmlType.Q4_K, new long[] {256}, o -> o.write(new byte[144]));
    w.addTensor("f16", GgmlType.F16, new long[] {3, 1, 2}, o -> o.write(new byte[12]));
    w.write(p);
    return p;
  }
}
