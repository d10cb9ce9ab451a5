package dev.llamakit.pipelines.filters.perplexity;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The tokenizer half of a cc_net-style perplexity model: cc_net-normalised text to the pieces that are the n-gram
 * model's words. Two kinds:
 *
 * <ul>
 *   <li>{@link SentencePiecePieces}: a SentencePiece {@code .model} (cc_net's own {@code <lang>.sp.model}), pieces as
 *       {@code encodeAsPieces} gives them, bit for bit as cc_net;</li>
 *   <li>{@link GgufPieces}: the tokenizer of a GGUF file (a vocab-only or a full model GGUF; Llama 2's SentencePiece
 *       or Llama 3's byte-level BPE vocabulary, exactly as llama.cpp tokenizes), each token's piece text as the word
 *       (see {@link GgufPieces#lmWord} for the escaping that keeps every piece one whitespace-free word).</li>
 * </ul>
 *
 * <p>Implementations are immutable and thread-safe. {@link #open} picks the kind from the file name.
 *
 * <pre>{@code
 * PieceTokenizer t = PieceTokenizer.open(Path.of("lm_sp/en.gguf"));   // or en.sp.model
 * List<String> words = t.pieces(PerplexityNormalizer.normalize(text)); // joined by spaces: the LM's sentence
 * }</pre>
 */
public sealed interface PieceTokenizer permits SentencePiecePieces, GgufPieces {
  /** The file suffix of a GGUF tokenizer in a models folder and for {@link #open}. */
  String GGUF_SUFFIX = ".gguf";

  /**
   * The pieces of already normalised text ({@link dev.llamakit.pipelines.text.PerplexityNormalizer}), none empty;
   * empty for empty text. Joined by single spaces they are the sentence the n-gram model scores.
   */
  List<String> pieces(String normalized);

  /** The file the tokenizer was loaded from. */
  Path source();

  /**
   * Loads {@code file}: a GGUF tokenizer when its name ends in {@code .gguf}, otherwise a SentencePiece model.
   * Errors name the file.
   */
  static PieceTokenizer open(Path file) throws IOException {
    return isGguf(file) ? GgufPieces.open(file) : SentencePiecePieces.open(file);
  }

  /** Whether {@link #open} reads {@code file} as a GGUF. */
  static boolean isGguf(Path file) {
    return file.getFileName().toString().endsWith(GGUF_SUFFIX);
  }
}
