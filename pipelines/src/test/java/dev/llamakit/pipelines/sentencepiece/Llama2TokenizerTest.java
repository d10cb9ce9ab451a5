package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.testing.SharedFiles;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A real BPE model: Llama 2's {@code tokenizer.model} (32,000 pieces, byte fallback, identity normaliser, extra
 * whitespace kept). Expected pieces and ids are {@code spm_encode} 0.1.97 output. Llama 3's {@code tokenizer.model} is
 * a tiktoken file, not a SentencePiece model, and must be refused.
 */
class Llama2TokenizerTest {
  /** {input, pieces joined by " ", ids joined by " "}. */
  private static final String[][] SPM_ENCODE = {
      {"Hello world! The quick brown fox jumps over the lazy dog.", "▁Hello ▁world ! ▁The ▁quick ▁brown ▁fo x ▁j umps ▁over ▁the ▁lazy ▁dog .", "15043 3186 29991 450 4996 17354 1701 29916 432 17204 975 278 17366 11203 29889"},
      {"  Multiple   spaces\tand a tab ", "▁▁ ▁Multiple ▁▁ ▁spaces <0x09> and ▁a ▁tab ▁", "259 26905 259 8162 12 392 263 4434 29871"},
      {"日本語のテキスト 😀 ǅ", "▁ 日 本 語 の テ キ ス ト ▁ <0xF0> <0x9F> <0x98> <0x80> ▁ <0xC7> <0x85>", "29871 30325 30346 30968 30199 30572 30454 30255 30279 29871 243 162 155 131 29871 202 136"},
      {"function(x) { return x**2; } // ok", "▁function ( x ) ▁{ ▁return ▁x ** 2 ; ▁} ▁// ▁ok", "740 29898 29916 29897 426 736 921 1068 29906 29936 500 849 3431"},
  };

  @Test
  void encodesLikeSpmEncode() throws Exception {
    SentencePieceModel sp = SentencePieceModel.load(SharedFiles.require("models/tokenizers/llama2/tokenizer.model"));
    assertEquals(ModelType.BPE, sp.modelType());
    assertEquals(32_000, sp.size());
    for (String[] row : SPM_ENCODE) {
      assertEquals(row[1], String.join(" ", sp.encodeAsPieces(row[0])), row[0]);
      assertEquals(row[2], String.join(" ", Arrays.stream(sp.encodeAsIds(row[0])).mapToObj(Integer::toString).toList()),
          row[0]);
    }
  }

  @Test
  void refusesTheTiktokenFileOfLlama3() {
    var file = SharedFiles.require("models/tokenizers/llama3/tokenizer.model");
    IOException e = assertThrows(IOException.class, () -> SentencePieceModel.load(file));
    assertTrue(e.getMessage().startsWith(file + ": not a SentencePiece model"), e.getMessage());
  }
}
