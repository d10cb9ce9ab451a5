package dev.llamakit.engine.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.llamakit.engine.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Factory errors, special-token types, the streaming decoder and piece lookups. */
class TokenizerUnitTest {
  private static final int N = TokenType.NORMAL;

  /** A tiny SPM vocabulary: merges must follow scores, user-defined tokens split text even without parseSpecial. */
  private static SpmTokenizer tiny() {
    String[] pieces = {"<unk>", "<s>", "</s>", "<tool>", "▁", "a", "b", "▁a", "ab", "▁ab"};
    float[] scores = {0, 0, 0, 0, -5, -6, -6, -1, -2, -0.5f};
    int[] types = {TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL, TokenType.USER_DEFINED, N, N, N, N, N, N};
    return new SpmTokenizer(Vocabulary.of(pieces, scores, types, 1, 2, true), true);
  }

  @Test
  void spmMergesByScore() {
    assertArrayEquals(new int[] {1, 9}, tiny().encode("ab", true, false));
    assertArrayEquals(new int[] {7, 7}, tiny().encode("a a", false, false));
  }

  @Test
  void userDefinedTokensSplitWithoutParseSpecialControlTokensDoNot() {
    SpmTokenizer t = tiny();
    assertArrayEquals(new int[] {7, 3, 4, 6}, t.encode("a<tool>b", false, false));
    assertArrayEquals(new int[] {7, 1, 4, 6}, t.encode("a<s>b", false, true));
    TokenizerException e = assertThrows(TokenizerException.class, () -> t.encode("a<s>b", false, false));
    assertTrue(e.getMessage().contains("<0x3C>"), e.getMessage());
    assertEquals("a<tool> b", t.decode(new int[] {7, 3, 4, 6}));
    assertEquals("a b", t.decode(new int[] {7, 1, 4, 6}));
    assertEquals("a<s> b", t.decode(new int[] {7, 1, 4, 6}, true, true));
  }

  @Test
  void unsupportedModelsAreNamed() {
    TokenizerException e = assertThrows(TokenizerException.class,
        () -> Tokenizer.fromGguf(new GgufMetadata(Path.of("m.gguf"), Map.of("tokenizer.ggml.model", "bert"))));
    assertTrue(e.getMessage().contains("tokenizer.ggml.model = \"bert\" is not supported"), e.getMessage());
    e = assertThrows(TokenizerException.class, () -> Tokenizer.fromGguf(new GgufMetadata(Path.of("m.gguf"),
        Map.of("tokenizer.ggml.model", "gpt2", "tokenizer.ggml.pre", "qwen2"))));
    assertTrue(e.getMessage().contains("tokenizer.ggml.pre = \"qwen2\""), e.getMessage());
    e = assertThrows(TokenizerException.class, () -> Tokenizer.fromGguf(new GgufMetadata(Path.of("m.gguf"), Map.of())));
    assertTrue(e.getMessage().contains("tokenizer.ggml.model is missing"), e.getMessage());
  }

  @Test
  void streamingDecoderHoldsSplitCharacters() throws IOException {
    Tokenizer t = TestVocabs.llama3();
    String text = "Hi 👋🏽 日本 ok";
    int[] ids = t.encode(text, true, false);
    StreamingDecoder d = new StreamingDecoder(t);
    StringBuilder sb = new StringBuilder();
    boolean heldBack = false;
    for (int id : ids) {
      String s = d.accept(id);
      heldBack |= d.pendingBytes() > 0;
      assertFalse(s.contains("\uFFFD"), "a partial character leaked: " + s);
      sb.append(s);
    }
    sb.append(d.flush());
    assertEquals(text, sb.toString());
    assertTrue(heldBack, "expected the emoji to be split across byte-level tokens");
  }

  @Test
  void spmByteFallbackStreamsWholeCharacters() throws IOException {
    Tokenizer t = TestVocabs.spm();
    int[] ids = t.encode("𝔘 x", false, false);
    assertEquals(4 + 2, ids.length, "𝔘 is four <0xXX> byte tokens after ▁");
    StreamingDecoder d = new StreamingDecoder(t);
    StringBuilder sb = new StringBuilder();
    for (int id : ids) {
      sb.append(d.accept(id));
    }
    assertEquals(" 𝔘 x", sb.append(d.flush()).toString());
    assertEquals(1, StreamingDecoder.completePrefix(new byte[] {'a', (byte) 0xF0, (byte) 0x9D}, 3));
    assertEquals(3, StreamingDecoder.completePrefix("aé".getBytes(StandardCharsets.UTF_8), 3));
  }

  @Test
  void pieceLookupAndSpecialIds() throws IOException {
    Tokenizer l3 = TestVocabs.llama3();
    assertEquals(128009, l3.id("<|eot_id|>").orElseThrow());
    assertEquals(1917, l3.id("Ġworld").orElseThrow());
    assertTrue(l3.isControl(128009));
    assertFalse(l3.isControl(1917));
    assertArrayEquals(" world".getBytes(StandardCharsets.UTF_8), l3.tokenBytes(1917));
    Tokenizer l2 = TestVocabs.spm();
    assertEquals(3186, l2.id("▁world").orElseThrow());
    assertArrayEquals(new byte[] {0x0A}, l2.tokenBytes(13));
    assertEquals(-1, l2.eot());
    assertThrows(TokenizerException.class, () -> l2.decode(new int[] {32000}));
  }

  @Test
  void longRunsDoNotOverflowTheRegexStack() throws IOException {
    Tokenizer l3 = TestVocabs.llama3();
    Tokenizer l2 = TestVocabs.spm();
    for (String text : new String[] {"a".repeat(50_000), " ".repeat(50_000) + "x", "\n".repeat(50_000),
        "#$%&".repeat(10_000), "1234567890".repeat(5_000), "日本語".repeat(10_000)}) {
      assertEquals(text, l3.decode(l3.encode(text, false, false)), "BPE round trip of a long run");
      assertEquals(text, l2.decode(l2.encode(text, false, false)), "SPM round trip of a long run");
    }
  }

  @Test
  void concurrentEncodingAgreesWithSequential() throws Exception {
    Tokenizer l3 = TestVocabs.llama3();
    java.util.List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) {
      texts.add("Sample " + i + ": the quick brown fox #" + (i * 7919) + " jumps, naïve café 日本 " + "ab".repeat(i % 13));
    }
    java.util.List<int[]> expected = texts.stream().map(t -> l3.encode(t, true, false)).toList();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int offset = w;
        results.add(pool.submit(() -> {
          for (int k = 0; k < texts.size(); k++) {
            int i = (k * 31 + offset * 97) % texts.size();
            if (!java.util.Arrays.equals(expected.get(i), l3.encode(texts.get(i), true, false))) {
              return false;
            }
          }
          return true;
        }));
      }
      for (var r : results) {
        assertTrue(r.get());
      }
    }
  }
}
