package dev.llamakit.pipelines.sentencepiece;

import dev.llamakit.engine.testing.fuzz.FuzzRun;
import dev.llamakit.pipelines.io.Resources;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #17 (bonus): SentencePiece {@code .model} files fuzzed in the suite, seeded with small unigram and BPE models
 * and the bundled wikitext2-en model (precompiled charsmap). Contract: the model loads and encodes a mixed text, or
 * the load fails with an IOException or IllegalArgumentException naming the file; nothing else, no hang.
 */
class SentencePieceFuzzTest {
  @Test
  void sentencePieceModel() throws IOException {
    List<byte[]> seeds = List.of(
        new ModelBytes().specials().piece("▁hello", -1).piece("▁wor", -2).piece("l", -3).piece("d", -3)
            .piece("▁", -4).bytes(),
        new ModelBytes().modelType(2).specials().piece("▁h", -1).piece("el", -2).piece("lo", -3).piece("▁", -4)
            .bytePieces().bytes(),
        Resources.bytes(dev.llamakit.pipelines.filters.perplexity.CcNetPerplexity.class, "wikitext2-en/en.sp.model"));
    FuzzRun.of("sentencepiece", ".model", seeds)
        .rejectsWith(IOException.class, IllegalArgumentException.class)
        .run(f -> SentencePieceModel.load(f).encodeAsIds("Hello wörld ① 12.5% — 中文 e\u0301"))
        .assertContract();
  }
}
