package dev.llamakit.pipelines.kenlm;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 (bonus): ARPA files fuzzed in the suite, seeded with the toy models of {@code lmtrain/} (plain and gzip).
 * Contract: the model loads and scores a sentence, or the load fails with a {@link LanguageModelFormatException}
 * naming the file; nothing else, no hang.
 */
class ArpaFuzzTest {
  private static final Path TOYS = Path.of("src/test/resources/dev/llamakit/pipelines/lmtrain");

  @Test
  void arpa() throws IOException {
    byte[] toy3 = Files.readAllBytes(TOYS.resolve("toy3.o3.arpa"));
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
      z.write(toy3);
    }
    List<byte[]> seeds = List.of(toy3, Files.readAllBytes(TOYS.resolve("toy_custom.o2.arpa")),
        Files.readAllBytes(TOYS.resolve("toy_special.o2.arpa")), gz.toByteArray());
    FuzzRun.of("arpa", ".arpa", seeds)
        .rejectsWith(LanguageModelFormatException.class)
        .run(f -> {
          try (NgramModel m = ArpaModel.load(f)) {
            m.score("the cat sat on the mat </s> <unk> a b");
          }
        })
        .assertContract();
  }
}
