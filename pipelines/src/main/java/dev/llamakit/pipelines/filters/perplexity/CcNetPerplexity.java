package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.pipelines.kenlm.NgramModel;
import dev.llamakit.pipelines.sentencepiece.SentencePieceModel;
import dev.llamakit.pipelines.text.PerplexityNormalizer;
import dev.llamakit.pipelines.text.PyText;
import dev.llamakit.pipelines.text.PyWords;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
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
 * <p>The tokenizer is a {@link PieceTokenizer}: cc_net's SentencePiece model ({@link SentencePiecePieces}, exact) or
 * the tokenizer of any GGUF file ({@link GgufPieces}: Llama 2's SentencePiece or Llama 3's BPE vocabulary as llama.cpp
 * tokenizes, each token's piece text as the n-gram word), with an n-gram model trained on the same tokenizer's pieces
 * ({@code llamakit pipeline train-lm --gguf}). Everything after the pieces is the same formula.
 *
 * <pre>{@code
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("lm_sp/en.sp.model"), Path.of("lm_sp/en.arpa.bin"))) {
 *   Double perplexity = pp.score(document.rawContent()).perplexity();   // null when cc_net sets none
 * }
 * try (CcNetPerplexity pp = CcNetPerplexity.open(Path.of("lm_sp/en.gguf"), Path.of("lm_sp/en.arpa.gz"))) { … }
 * }</pre>
 */
public final class CcNetPerplexity implements AutoCloseable {
  /** {@link #lmWord} of a piece that must go through the step-by-step path. */
  private static final int SLOW = -1;

  private final PieceTokenizer tokenizer;
  /** The SentencePiece model when {@link #tokenizer} is one (its fused fast path), else null. */
  private final SentencePieceModel pieces;
  /** The GGUF tokenizer when {@link #tokenizer} is one, else null. */
  private final GgufPieces gguf;
  private final NgramModel lm;
  /**
   * Per token id: the KenLM index of the piece's text, or {@link #SLOW} for SentencePiece's UNKNOWN piece (its text
   * is the input's) and for a SentencePiece piece containing a Python whitespace character (which splits it into
   * several KenLM words or {@code split()} tokens; none does in cc_net's models). GGUF words never need the slow path
   * ({@link GgufPieces#lmWord}).
   */
  private final int[] lmWord;
  /** Per token id: its text, as {@code encodeAsPieces} (or {@link GgufPieces#word}) gives it. */
  private final String[] pieceText;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  public CcNetPerplexity(SentencePieceModel pieces, NgramModel lm) {
    this(new SentencePiecePieces(pieces, null), lm);
  }

  /** A perplexity model of any {@link PieceTokenizer} and an n-gram model trained on its pieces. */
  public CcNetPerplexity(PieceTokenizer tokenizer, NgramModel lm) {
    this.tokenizer = tokenizer;
    this.lm = lm;
    switch (tokenizer) {
      case SentencePiecePieces sp -> {
        this.pieces = sp.model();
        this.gguf = null;
        this.lmWord = new int[pieces.size()];
        this.pieceText = new String[pieces.size()];
        for (int id = 0; id < lmWord.length; id++) {
          String text = pieces.piece(id).text();
          pieceText[id] = text;
          lmWord[id] = id == pieces.unkId() || hasPythonSpace(text) ? SLOW : lm.index(text);
        }
      }
      case GgufPieces g -> {
        this.pieces = null;
        this.gguf = g;
        this.lmWord = new int[g.size()];
        this.pieceText = new String[g.size()];
        for (int id = 0; id < lmWord.length; id++) {
          pieceText[id] = g.word(id);
          lmWord[id] = lm.index(pieceText[id]);
        }
      }
    }
  }

  /** One thread's working space. */
  private final class Scratch {
    final SentencePieceModel.Encoding encoding = pieces == null ? null : pieces.newEncoding();
    int[] words = new int[256];
    final StringBuilder tokenized = new StringBuilder(1024);
  }

  /**
   * Loads a tokenizer ({@link PieceTokenizer#open}: a GGUF when the name ends in {@code .gguf}, else a SentencePiece
   * model) and a KenLM model (ARPA, ARPA.gz or probing binary, memory-mapped).
   */
  public static CcNetPerplexity open(Path tokenizerFile, Path lmFile) throws IOException {
    PieceTokenizer t = PieceTokenizer.open(tokenizerFile);
    return new CcNetPerplexity(t, NgramModel.open(lmFile));
  }

  /** The tokenizer. */
  public PieceTokenizer tokenizer() {
    return tokenizer;
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

  /**
   * Scores a document's {@code raw_content}. Thread-safe.
   *
   * <p>Fast path, same result as {@link #scoreStepByStep}: the normalised text goes to SentencePiece as UTF-8, each
   * piece id maps to its KenLM index through a table made at construction (an unknown piece's text is looked up), and
   * KenLM scores the index sequence ({@link NgramModel#scoreSentence(int[], int)}). When no piece contains a Python
   * whitespace character (checked per piece), the pieces joined by single spaces split back into exactly these
   * pieces, both on KenLM's whitespace (a subset of Python's) and on Python's, so KenLM's words are the pieces and
   * {@code len(tokenized.split()) + 1} is the number of pieces plus one. Otherwise the step-by-step path runs.
   */
  public Score score(String rawContent) {
    return score(rawContent, true);
  }

  /**
   * cc_net's perplexity of a document's {@code raw_content}, or null where cc_net sets none: {@code score(raw)
   * .perplexity()} without building the {@code tokenized} string. Thread-safe.
   */
  public Double perplexity(String rawContent) {
    return score(rawContent, false).perplexity();
  }

  private Score score(String rawContent, boolean withTokenized) {
    if (gguf != null) {
      return scoreGguf(rawContent, withTokenized);
    }
    Scratch s = scratch.get();
    byte[] utf8 = PerplexityNormalizer.normalizeToUtf8(rawContent);
    SentencePieceModel.Encoding e = s.encoding;
    pieces.encode(utf8, utf8.length, e);
    int n = e.size();
    if (s.words.length < n) {
      s.words = new int[Math.max(n, s.words.length * 2)];
    }
    int[] words = s.words;
    StringBuilder tokenized = s.tokenized;
    tokenized.setLength(0);
    for (int i = 0; i < n; i++) {
      int id = e.id(i);
      int w = lmWord[id];
      String text = null;
      if (w == SLOW) {
        if (id != pieces.unkId()) {
          return scoreStepByStep(rawContent);
        }
        text = new String(e.normalized(), e.start(i), e.end(i) - e.start(i), StandardCharsets.UTF_8);
        if (hasPythonSpace(text)) {
          return scoreStepByStep(rawContent);
        }
        w = lm.index(text);
      }
      words[i] = w;
      if (withTokenized) {
        if (i > 0) {
          tokenized.append(' ');
        }
        tokenized.append(text != null ? text : pieceText[id]);
      }
    }
    float log10 = lm.scoreSentence(words, n);
    int length = n + 1;
    Double perplexity = n == 0 ? null : round1(Math.pow(10.0, -log10 / (double) length));
    return new Score(withTokenized ? tokenized.toString() : null, log10, length, perplexity);
  }

  /** The GGUF path: token ids to KenLM indices through the table; every word is one whitespace-free piece. */
  private Score scoreGguf(String rawContent, boolean withTokenized) {
    int[] ids = gguf.ids(PerplexityNormalizer.normalize(rawContent));
    int n = ids.length;
    Scratch s = scratch.get();
    if (s.words.length < n) {
      s.words = new int[Math.max(n, s.words.length * 2)];
    }
    int[] words = s.words;
    StringBuilder tokenized = s.tokenized;
    tokenized.setLength(0);
    for (int i = 0; i < n; i++) {
      words[i] = lmWord[ids[i]];
      if (withTokenized) {
        if (i > 0) {
          tokenized.append(' ');
        }
        tokenized.append(pieceText[ids[i]]);
      }
    }
    float log10 = lm.scoreSentence(words, n);
    int length = n + 1;
    Double perplexity = n == 0 ? null : round1(Math.pow(10.0, -log10 / (double) length));
    return new Score(withTokenized ? tokenized.toString() : null, log10, length, perplexity);
  }

  /**
   * {@link #score} through the public step-by-step API: {@link PerplexityNormalizer#normalize}, then
   * {@link PieceTokenizer#pieces} ({@link SentencePieceModel#encodeAsPieces} for cc_net's models), joined by spaces,
   * then {@link NgramModel#score(CharSequence)} and Python's {@code len(tokenized.split()) + 1}. The reference the fast path is tested against.
   */
  public Score scoreStepByStep(String rawContent) {
    String normalized = PerplexityNormalizer.normalize(rawContent);
    List<String> p = tokenizer.pieces(normalized);
    String tokenized = String.join(" ", p);
    float log10 = lm.score(tokenized);
    int length = PyWords.countWords(tokenized) + 1;
    Double perplexity = tokenized.isEmpty() ? null : round1(Math.pow(10.0, -log10 / (double) length));
    return new Score(tokenized, log10, length, perplexity);
  }

  private static boolean hasPythonSpace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (PyText.isSpace(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** Python's {@code round(x, 1)}: the exact binary value rounded half to even. */
  public static double round1(double x) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    return new BigDecimal(x).setScale(1, RoundingMode.HALF_EVEN).doubleValue();
  }

  @Override
  public void close() {
    lm.close();
  }
}
