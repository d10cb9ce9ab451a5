package dev.llamakit.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.convert.GgufQuantizer;
import dev.llamakit.engine.synth.ModelShape;
import dev.llamakit.engine.synth.SyntheticModel;
import dev.llamakit.engine.synth.TypeMix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code general.file_type}: llama.cpp's numbering and labels, the guess from tensor types, and the key in the files
 * {@code engine synth} and {@code engine quantize} write (llama.cpp labelled them "Q4_0 (guessed)" before).
 */
class FileTypeTest {
  /** Rows of 256 so every K-quant of the mixes applies; 8 layers so Q4_K_M's use_more_bits layers are a minority. */
  private static final ModelShape SHAPE = new ModelShape(256, 512, 8, 4, 2, 300, 64, 10000, false, false);

  @Test
  void numbersAndLabelsAreLlamaCpps() {
    assertEquals(0, FileType.ALL_F32.id());
    assertEquals(1, FileType.MOSTLY_F16.id());
    assertEquals(2, FileType.MOSTLY_Q4_0.id());
    assertEquals(7, FileType.MOSTLY_Q8_0.id());
    assertEquals(15, FileType.MOSTLY_Q4_K_M.id());
    assertEquals(17, FileType.MOSTLY_Q5_K_M.id());
    assertEquals(18, FileType.MOSTLY_Q6_K.id());
    assertEquals(32, FileType.MOSTLY_BF16.id());
    assertEquals("Q4_K - Medium", FileType.MOSTLY_Q4_K_M.label());
    assertEquals("all F32", FileType.ALL_F32.label());
    assertEquals(FileType.MOSTLY_Q8_0, FileType.byId(7).orElseThrow());
    assertTrue(FileType.byId(5).isEmpty(), "Q4_2 was removed from llama.cpp");
  }

  @Test
  void theMostCommonMatrixTypeNamesTheFile() {
    // TinyLlama Q4_K_M: Q4_K matrices with Q6_K for the output and some attn_v/ffn_down
    assertEquals(FileType.MOSTLY_Q4_K_M,
        FileType.guess(List.of(GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q4_K, GgmlType.Q4_K, GgmlType.Q6_K)));
    assertEquals(FileType.MOSTLY_Q4_0, FileType.guess(List.of(GgmlType.Q4_0, GgmlType.Q4_0, GgmlType.Q6_K)));
    assertEquals(FileType.MOSTLY_Q5_K_M, FileType.guess(List.of(GgmlType.Q5_K)));
    assertEquals(FileType.MOSTLY_Q6_K, FileType.guess(List.of(GgmlType.Q6_K)));
    assertEquals(FileType.MOSTLY_BF16, FileType.guess(List.of(GgmlType.BF16)));
    assertEquals(FileType.ALL_F32, FileType.guess(List.of()));
    assertEquals(FileType.ALL_F32, FileType.guess(List.of(GgmlType.Q8_K)), "no file type: F32, as llama.cpp");
    assertEquals(FileType.MOSTLY_Q8_0, FileType.guess(List.of(GgmlType.Q8_0, GgmlType.F16)), "a tie: the first");
  }

  @ParameterizedTest
  @CsvSource({"F32, 0, all F32", "F16, 1, F16", "Q8_0, 7, Q8_0", "Q4_0, 2, Q4_0", "Q4_K_M, 15, Q4_K - Medium"})
  void synthWritesTheFileTypeOfItsMix(TypeMix mix, int id, String label, @TempDir Path dir) throws Exception {
    Path p = dir.resolve("m.gguf");
    SyntheticModel.write(SHAPE, mix, null, 1, p);
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals(id, f.metadata().getInt(FileType.KEY));
      assertEquals(label, FileType.describe(f));
    }
  }

  @Test
  void theKeyIsAnUnsignedInt32AsLlamaCppRequires(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("m.gguf");
    new GgufWriter().addTensor("w.weight", GgmlType.Q8_0, new long[] {32, 2}, o -> o.write(new byte[68])).write(p);
    byte[] b = Files.readAllBytes(p);
    byte[] key = FileType.KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    int at = indexOf(b, key);
    assertTrue(at > 0, "the key is written");
    int type = b[at + key.length] & 0xFF;
    int value = b[at + key.length + 4] & 0xFF;
    assertEquals(4, type, "GGUF type 4 = UINT32");
    assertEquals(7, value);
  }

  @Test
  void aFileTypeTheCallerSetsIsKeptAndATensorlessFileGetsNone(@TempDir Path dir) throws Exception {
    Path p = dir.resolve("m.gguf");
    new GgufWriter().put(FileType.KEY, new GgufWriter.U32(FileType.MOSTLY_Q4_K_S.id()))
        .addTensor("w.weight", GgmlType.Q4_K, new long[] {256, 1}, o -> o.write(new byte[144])).write(p);
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals("Q4_K - Small", FileType.describe(f));
    }
    Path vocab = dir.resolve("vocab.gguf");
    new GgufWriter().put("tokenizer.ggml.model", "llama").write(vocab);
    try (GgufFile f = GgufFile.open(vocab)) {
      assertFalse(f.metadata().find(FileType.KEY).isPresent());
    }
  }

  @Test
  void aFileWithoutTheKeyIsGuessedAndSaysSo(@TempDir Path dir) throws Exception {
    // two Q4_0 matrices and three F32 norms: llama.cpp's all-tensor count would say F32, the matrices say Q4_0
    GgufBytes b = GgufBytes.header(5, 0)
        .typedTensor("a.weight", GgmlType.Q4_0.id(), 0, 32, 1)
        .typedTensor("b.weight", GgmlType.Q4_0.id(), 32, 32, 1)
        .tensor("n1.weight", 64, 8).tensor("n2.weight", 96, 8).tensor("n3.weight", 128, 8)
        .data(32, 160);
    Path p = dir.resolve("old.gguf");
    Files.write(p, b.bytes());
    try (GgufFile f = GgufFile.open(p)) {
      assertEquals("Q4_0 (guessed)", FileType.describe(f));
    }
    Path unknown = dir.resolve("unknown.gguf");
    Files.write(unknown, GgufBytes.header(0, 1).u32Key(FileType.KEY, 99).bytes());
    try (GgufFile f = GgufFile.open(unknown)) {
      assertEquals("unknown (general.file_type 99)", FileType.describe(f));
    }
  }

  @Test
  void quantizeReplacesTheInputsFileType(@TempDir Path dir) throws Exception {
    Path f32 = dir.resolve("f32.gguf");
    SyntheticModel.write(SHAPE, TypeMix.F32, null, 1, f32);
    for (GgmlType t : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
      Path q = dir.resolve(t + ".gguf");
      GgufQuantizer.quantize(f32, q, t);
      try (GgufFile f = GgufFile.open(q)) {
        assertEquals(t == GgmlType.Q8_0 ? 7 : 2, f.metadata().getInt(FileType.KEY));
        assertEquals(t.name(), FileType.describe(f));
      }
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
