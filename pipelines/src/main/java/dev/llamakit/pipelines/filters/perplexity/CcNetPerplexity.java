package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.kenlm.NgramModel;
import dev.llamakit.pipelines.sentencepiece.SentencePieceModel;
import dev.llamakit.pipelines.text.PerplexityNormalizer;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;

/**
 * cc_net's perplexity of one document, exactly as {@code MultiSentencePiece(normalize=True)} then
 * {@code DocLM} compute it: normalise the whole {@code raw_content} (cc_net's {@code normalize}, which also deletes
 * line breaks), SentencePiece pieces joined by spaces ({@code tokenized}), KenLM's float32 sentence score with
 * {@code <s>}/{@code </s>}, {@code length = len(tokenized.split()) + 1}, and
 * {@code perplexity = round(10 ** (-log10 / length), 1)} with Python's correctly rounded half-even rounding. An
 * empty {@code tokenized} gets no perplexity (cc_net leaves the field unset).
 *
 * <pre>{@code
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("lm_sp/en.sp.model"), Path.of("lm_sp/en.arpa.bin"))) {
 *   Double perplexity = pp.score(document.rawContent()).perplexity();   // null when cc_net sets none
 * }
 * }</pre>
 */
public final class CcNetPerplexity implements AutoCloseable {
  private final SentencePieceModel pieces;
  private final NgramModel lm;

  public CcNetPerplexity(SentencePieceModel pieces, NgramModel lm) {
    this.pieces = pieces;
    this.lm = lm;
  }

  /** Loads a SentencePiece model and a KenLM model (ARPA, ARPA.gz or probing binary, memory-mapped). */
  public static CcNetPerplexity open(Path spModel, Path lmFile) throws IOException {
    SentencePieceModel sp = SentencePieceModel.load(spModel);
    return new CcNetPerplexity(sp, NgramModel.open(lmFile));
  }

  /**
   * One document's score.
   *
   * @param tokenized cc_net's {@code tokenized} field
   * @param log10 KenLM's float32 total
   * @param length cc_net's length: pieces + 1
   * @param perplexity the rounded perplexity, or null where cc_net sets none (empty {@code tokenized})
   */
  public record Score(String tokenized, float log10, int length, Double perplexity) {}

  /** Scores a document's {@code raw_content}. Thread-safe. */
  public Score score(String rawContent) {
    String normalized = PerplexityNormalizer.normalize(rawContent);
    List<String> p = pieces.encodeAsPieces(normalized);
    String tokenized = String.join(" ", p);
    float log10 = lm.score(tokenized);
    int length = pythonSplitCount(tokenized) + 1;
    Double perplexity = tokenized.isEmpty() ? null : round1(Math.pow(10.0, -log10 / (double) length));
    return new Score(tokenized, log10, length, perplexity);
  }

  /** Python's {@code round(x, 1)}: the exact binary value rounded half to even. */
  public static double round1(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
  }

  /** {@code len(s.split())} with Python's Unicode whitespace. */
  static int pythonSplitCount(String s) {
    int n = 0;
    boolean in = false;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      boolean space = PyText.isSpace(cp);
      if (!space && !in) {
        n++;
      }
      in = !space;
      i += Character.charCount(cp);
    }
    return n;
  }

  @Override
  public void close() {
    lm.close();
  }
}
