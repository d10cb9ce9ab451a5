package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are not SentencePiece models fail with a message naming the file and what is wrong. */
class ModelLoadingTest {
  @TempDir Path dir;

  private Path write(String name, byte[] bytes) throws IOException {
    Path f = dir.resolve(name);
    Files.write(f, bytes);
    return f;
  }

  @Test
  void missingFile() {
    Path f = dir.resolve("absent.model");
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> SentencePieceModel.load(f));
    assertTrue(e.getMessage().contains("absent.model") && e.getMessage().contains("not found"), e.getMessage());
  }

  @Test
  void emptyFile() throws Exception {
    Path f = write("empty.model", new byte[0]);
    IOException e = assertThrows(IOException.class, () -> SentencePieceModel.load(f));
    assertTrue(e.getMessage().contains("empty.model") && e.getMessage().contains("empty"), e.getMessage());
  }

  @Test
  void truncatedModel() throws Exception {
    byte[] full = Files.readAllBytes(KenlmGoldens.model());
    Path f = write("truncated.model", Arrays.copyOf(full, 5000));
    IOException e = assertThrows(IOException.class, () -> SentencePieceModel.load(f));
    assertTrue(e.getMessage().contains("truncated.model"), e.getMessage());
    assertTrue(e.getMessage().contains("ModelProto.pieces["), e.getMessage());
  }

  @Test
  void arpaFile() throws Exception {
    String arpa = "\n\\data\\\nngram 1=3\n\n\\1-grams:\n-1.0\t<unk>\t0\n-1.0\t<s>\t-0.3\n-1.0\t</s>\t0\n\n\\end\\\n";
    Path f = write("lm.arpa", arpa.getBytes(StandardCharsets.US_ASCII));
    Exception e = assertThrows(Exception.class, () -> SentencePieceModel.load(f));
    assertTrue(e instanceof IOException || e instanceof IllegalArgumentException, e.toString());
    assertTrue(e.getMessage().startsWith(f + ": not a"), e.getMessage());
  }

  @Test
  void randomBytes() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      byte[] bytes = new byte[1 + random.nextInt(4000)];
      random.nextBytes(bytes);
      Path f = write("random" + i + ".model", bytes);
      Exception e = assertThrows(Exception.class, () -> SentencePieceModel.load(f));
      assertTrue(e instanceof IOException || e instanceof IllegalArgumentException, e.toString());
      assertTrue(e.getMessage().startsWith(f + ": not a"), e.getMessage());
    }
  }

  @Test
  void wellFormedButNoUnknownPiece() throws Exception {
    Path f = write("nounk.model", new ModelBytes().piece("a", -1).bytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentencePieceModel.load(f));
    assertTrue(e.getMessage().contains("nounk.model") && e.getMessage().contains("no UNKNOWN piece"), e.getMessage());
  }

  @Test
  void duplicatePieceAndUnsupportedType() throws Exception {
    Path dup = write("dup.model", new ModelBytes().specials().piece("a", -1).piece("a", -2).bytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentencePieceModel.load(dup));
    assertTrue(e.getMessage().contains("ModelProto.pieces[4].piece \"a\" is already defined"), e.getMessage());
    Path word = write("word.model", new ModelBytes().modelType(3).specials().piece("a", -1).bytes());
    e = assertThrows(IllegalArgumentException.class, () -> SentencePieceModel.load(word));
    assertTrue(e.getMessage().contains("model_type WORD"), e.getMessage());
  }

  @Test
  void bytePieceWithoutByteFallback() throws Exception {
    Path f = write("byte.model", new ModelBytes().specials().piece("<0x41>", 0, PieceType.BYTE).bytes());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SentencePieceModel.load(f));
    assertTrue(e.getMessage().contains("byte_fallback is false"), e.getMessage());
  }

  static ModelBytes smallUnigram() {
    return new ModelBytes().specials()
        .piece("▁ab", -1).piece("▁a", -3).piece("b", -3).piece("bc", -2.5f).piece("c", -4).piece("▁", -2)
        .piece("a", -2.5f).piece("abc", -0.5f, PieceType.UNUSED).piece("<x>", 0, PieceType.USER_DEFINED);
  }

  /** A hand-made unigram model: best total score wins, UNUSED pieces are never produced, user symbols stay whole. */
  @Test
  void smallUnigramModel() throws Exception {
    SentencePieceModel sp = SentencePieceModel.load(write("uni.model", smallUnigram().bytes()));
    // ▁ab + c = -5 beats ▁a + bc = -5.5 and ▁ + abc (unused)
    assertEquals(List.of("▁ab", "c"), sp.encodeAsPieces("abc"));
    assertEquals(List.of("▁a", "<x>", "bc"), sp.encodeAsPieces("a<x>bc")); // ▁a -3 beats ▁ + a -4.5
    assertEquals(List.of("▁ab", "▁", "zz", "c"), sp.encodeAsPieces("ab zzc"));
    assertEquals(0, sp.encodeAsIds("ab zzc")[2]);
  }
}
