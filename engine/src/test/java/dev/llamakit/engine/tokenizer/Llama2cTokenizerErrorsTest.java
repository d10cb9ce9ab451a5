package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.TinyModels;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for llama2.c {@code tokenizer.bin} files that do not fit the model: each is a
 * {@link TokenizerException} naming the file, the field and the value, before anything of the declared size is
 * allocated.
 */
class Llama2cTokenizerErrorsTest {
  @TempDir Path dir;

  private String rejected(byte[] bytes, int vocab, String... expected) throws Exception {
    Path p = dir.resolve("tok.bin");
    Files.write(p, bytes);
    TokenizerException e = assertThrows(TokenizerException.class, () -> Llama2cTokenizer.load(p, vocab));
    assertTrue(e.getMessage().startsWith(p.toString()), e.getMessage());
    for (String s : expected) {
      assertTrue(e.getMessage().contains(s), "expected \"" + s + "\" in: " + e.getMessage());
    }
    return e.getMessage();
  }

  private static byte[] withInt(byte[] b, int at, int v) {
    byte[] c = b.clone();
    ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v);
    return c;
  }

  @Test
  void theTinyTokenizerLoadsAndEncodes() throws Exception {
    Path p = dir.resolve("ok.bin");
    Files.write(p, TinyModels.llama2cTokenizer(300));
    Llama2cTokenizer t = Llama2cTokenizer.load(p, 300);
    int[] ids = t.encode("ab", true, false);
    assertArrayEquals(new int[] {1, 259, 260, 261}, ids);
  }

  @Test
  void maxTokenLengthMustBePositive() throws Exception {
    rejected(withInt(TinyModels.llama2cTokenizer(300), 0, -1), 300, "max_token_length = -1");
  }

  @Test
  void aTokenLongerThanTheHeaderSaysIsNamed() throws Exception {
    byte[] b = TinyModels.llama2cTokenizer(300);
    rejected(withInt(b, 0, 3), 300, "token 0 length = 5", "max_token_length 3");
    rejected(withInt(b, 8, -2), 300, "token 0 length = -2");
  }

  @Test
  void aVocabularyLargerThanTheFileFailsBeforeAllocating() throws Exception {
    rejected(TinyModels.llama2cTokenizer(300), Integer.MAX_VALUE, "vocabulary of 2147483647 tokens");
  }

  @Test
  void truncatedAndOverlongFilesAreNamed() throws Exception {
    byte[] b = TinyModels.llama2cTokenizer(300);
    rejected(Arrays.copyOf(b, b.length - 3), 300, "token 299");
    rejected(b, 200, "bytes left after token 199", "more than the model's 200 tokens");
    rejected(new byte[2], 300, "2 bytes");
  }

  @Test
  void byteFallbackBeyondASmallVocabularyIsAnErrorNotACrash() throws Exception {
    Path p = dir.resolve("small.bin");
    Files.write(p, TinyModels.llama2cTokenizer(40));
    Llama2cTokenizer t = Llama2cTokenizer.load(p, 40);
    TokenizerException e = assertThrows(TokenizerException.class, () -> t.encode("\u00e9", true, false));
    assertTrue(e.getMessage().contains("small.bin") && e.getMessage().contains("byte 0xC3"), e.getMessage());
  }
}
