package dev.llamakit.pipelines.sentencepiece;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BPE on small hand-made models (there is no BPE golden). Merge order worked out by hand for "hello world":
 * ll(-1), he(-2), llo(-3), hello(-4), ▁hello(-5), or(-6), ▁w(-7), ▁wor(-8); "ld" is no piece. Ids: specials 0-2,
 * then the merged pieces 3-10 (▁hello 7, ▁wor 10), then ▁ 11, h, e, l 14, o, w, r, d 18, a, aa.
 */
class BpeModelTest {
  @TempDir Path dir;

  static ModelBytes helloWorld(PieceType helloType) {
    ModelBytes m = new ModelBytes().modelType(2).specials();
    m.piece("ll", -1).piece("he", -2).piece("llo", -3).piece("hello", -4).piece("▁hello", -5, helloType)
        .piece("or", -6).piece("▁w", -7).piece("▁wor", -8);
    for (String c : List.of("▁", "h", "e", "l", "o", "w", "r", "d", "a")) {
      m.piece(c, -10);
    }
    return m.piece("aa", -1.5f);
  }

  private SentencePieceModel load(ModelBytes m) throws Exception {
    Path f = dir.resolve("bpe-" + System.nanoTime() + ".model");
    Files.write(f, m.bytes());
    return SentencePieceModel.load(f);
  }

  @Test
  void mergesByScore() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL));
    assertEquals(ModelType.BPE, sp.modelType());
    assertEquals(List.of("▁hello", "▁wor", "l", "d"), sp.encodeAsPieces("hello world"));
    assertArrayEquals(new int[] {7, 10, 14, 18}, sp.encodeAsIds("hello world"));
    assertEquals(List.of("▁hello", "▁wor", "l", "d"), sp.encodeAsPieces("  hello   world "));
  }

  @Test
  void leftmostPairWinsATie() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL));
    assertEquals(List.of("▁", "aa", "a"), sp.encodeAsPieces("aaa"));
    assertEquals(List.of("▁", "aa", "aa"), sp.encodeAsPieces("aaaa"));
  }

  @Test
  void unusedPieceIsSplitBack() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.UNUSED));
    assertEquals(List.of("▁", "hello", "▁wor", "l", "d"), sp.encodeAsPieces("hello world"));
  }

  @Test
  void unknownRunsMergeIntoOnePiece() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL));
    assertEquals(List.of("▁", "xyz", "▁hello", "▁", "é"), sp.encodeAsPieces("xyz hello é"));
    assertArrayEquals(new int[] {11, 0, 7, 11, 0}, sp.encodeAsIds("xyz hello é"));
  }

  @Test
  void userDefinedSymbolIsFrozen() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL).piece("<sep>", 0, PieceType.USER_DEFINED));
    assertEquals(List.of("▁hello", "<sep>", "w", "or", "l", "d"), sp.encodeAsPieces("hello<sep>world"));
  }

  @Test
  void byteFallbackSpellsUnknownCharacters() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL).bytePieces());
    assertEquals(List.of("▁hello", "▁", "<0xC3>", "<0xA9>", "<0x78>"), sp.encodeAsPieces("hello éx"));
    int[] ids = sp.encodeAsIds("hello éx");
    assertEquals(sp.pieceToId("<0xC3>"), ids[2]);
    assertEquals(PieceType.BYTE, sp.piece(ids[4]).type());
  }

  @Test
  void withoutDummyPrefix() throws Exception {
    SentencePieceModel sp = load(helloWorld(PieceType.NORMAL).addDummyPrefix(false));
    assertEquals(List.of("hello", "▁wor", "l", "d"), sp.encodeAsPieces("hello world"));
  }
}
