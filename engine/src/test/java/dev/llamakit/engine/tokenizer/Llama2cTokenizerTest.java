package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** llama2.c's tokenizer: the cases of llama2.c's own {@code test.c}, and stories260K's {@code tok512.bin}. */
class Llama2cTokenizerTest {

  /** The expected ids of llama2.c's {@code test_prompt_encodings} (encode with BOS, no EOS). */
  @Test
  void llama2cTestCEncodings() throws IOException {
    Llama2cTokenizer t = Llama2cTokenizer.load(SharedFiles.require("models/tokenizers/llama2/tokenizer.bin"), 32000);
    assertArrayEquals(new int[] {1}, t.encode("", true, false));
    assertArrayEquals(new int[] {1, 306, 4658, 278, 6593, 310, 2834, 338},
        t.encode("I believe the meaning of life is", true, false));
    assertArrayEquals(new int[] {1, 3439, 17632, 1925, 29892, 278, 6368, 310, 14215, 537, 5922, 393, 29871},
        t.encode("Simply put, the theory of relativity states that ", true, false));
    assertArrayEquals(new int[] {1, 319, 11473, 2643, 378, 629, 271, 18099, 278, 3815, 373, 278, 6826, 29901, 13, 13,
        4706, 6324, 14332, 29892, 13, 13, 4706, 306, 925, 29871},
        t.encode("A brief message congratulating the team on the launch:\n\n        Hi everyone,\n\n        I just ", true,
            false));
    assertArrayEquals(new int[] {1, 4103, 9632, 4223, 304, 5176, 29901, 13, 13, 4706, 7205, 4932, 357, 1149, 301, 449,
        276, 316, 2778, 13, 4706, 1236, 407, 837, 524, 1149, 6042, 354, 772, 440, 29878, 1318, 13, 4706, 715, 1878, 330,
        3055, 1725, 1149, 330, 3055, 1725, 4639, 28754, 13, 4706, 923, 968, 1149},
        t.encode("Translate English to French:\n\n        sea otter => loutre de mer\n        peppermint => menthe "
            + "poivrée\n        plush girafe => girafe peluche\n        cheese =>", true, false));
  }

  /** On plain English, llama2.c's O(n^2) merge and llama.cpp's queue agree (tok512 vs the stories260K GGUF). */
  @Test
  void tok512AgreesWithStories260kGgufOnEnglish() throws IOException {
    Llama2cTokenizer c = Llama2cTokenizer.load(SharedFiles.require("models/stories260K/tok512.bin"), 512);
    Tokenizer g = Tokenizer.fromGguf(SharedFiles.require("models/stories260K/stories260K-f32.gguf"));
    assertEquals(512, g.vocabSize());
    for (String s : new String[] {"Once upon a time, there was a little girl named Lily.",
        "She loved to play outside in the park.", "The quick brown fox jumps over the lazy dog.", "Hello world"}) {
      assertArrayEquals(g.encode(s, true, false), c.encode(s, true, false), s);
      assertEquals(s, c.decode(c.encode(s, true, false)), s);
    }
  }

  @Test
  void decodeStripsTheSpaceAfterBosAndMapsByteTokens() throws IOException {
    Llama2cTokenizer c = Llama2cTokenizer.load(SharedFiles.require("models/stories260K/tok512.bin"), 512);
    int[] ids = c.encode("Once 日", true, false);
    assertEquals(1, ids[0]);
    assertTrue(ids.length > 3, "日 needs byte fallback in a 512-token vocabulary");
    assertEquals("Once 日", c.decode(ids));
    assertArrayEquals(new byte[] {(byte) 0xE6}, c.tokenBytes(0xE6 + 3));
  }

  @Test
  void truncatedFileNamesTheFile(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("tok.bin");
    Files.write(f, new byte[] {10, 0, 0, 0, 0, 0, -128, 63, 5, 0, 0, 0, 'a'});
    TokenizerException e = assertThrows(TokenizerException.class, () -> Llama2cTokenizer.load(f, 3));
    assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
  }
}
