package dev.llamakit.pipelines.kenlm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #17 (bonus): KenLM probing binaries fuzzed in the suite, seeded with {@link TinyBinary} (a few hundred bytes,
 * so every mutant is cheap). Contract: the model opens and scores sentences with known and unknown words, or the
 * open fails with a {@link LanguageModelFormatException} naming the file; nothing else, no hang. (A binary built
 * without its words is valid KenLM: {@code word(i)} then says so, naming the file.)
 */
class KenLmBinaryFuzzTest {
  @TempDir Path tmp;

  @Test
  void seedIsAReadableBinary() throws IOException {
    Path f = Files.write(tmp.resolve("tiny.binary"), TinyBinary.bytes());
    try (KenLmBinaryModel m = KenLmBinaryModel.open(f)) {
      assertEquals(3, m.order());
      assertEquals(3, m.index("a"));
      assertEquals(0, m.index("zebra"));
      assertTrue(m.score("a b") < 0);
    }
  }

  @Test
  void kenLmBinary() throws IOException {
    FuzzRun.of("kenlm-binary", ".binary", List.of(TinyBinary.bytes()))
        .rejectsWith(LanguageModelFormatException.class)
        .timeoutMillis(5_000)
        .run(f -> {
          try (KenLmBinaryModel m = KenLmBinaryModel.open(f)) {
            m.score("a b");
            m.score("b a zebra a b unknown words here");
            try {
              for (int i = 0; i < m.vocabularySize(); i++) {
                m.word(i);
              }
            } catch (UnsupportedOperationException e) {
              // KenLM binaries may lack the words (has-vocabulary byte 0): documented, and the message names the file
              if (!e.getMessage().startsWith(f + ": ")) {
                throw e;
              }
            }
          }
        })
        .assertContract();
  }
}
