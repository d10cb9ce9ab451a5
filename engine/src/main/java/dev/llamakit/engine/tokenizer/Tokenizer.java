package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Turns text into token ids and back, exactly as llama.cpp's {@code llama_tokenize} / {@code llama_detokenize} do for
 * the same vocabulary.
 *
 * <p>Implementations are immutable and thread-safe. {@link #fromGguf(GgufMetadata)} picks the implementation from
 * {@code tokenizer.ggml.model}: {@code llama} gives {@link SpmTokenizer}, {@code gpt2} with a Llama 3 pre-tokenizer
 * gives {@link BpeTokenizer}.
 */
public interface Tokenizer {

  /**
   * Tokenizes {@code text}.
   *
   * @param addSpecial add BOS (and EOS) as the vocabulary's {@code add_bos_token}/{@code add_eos_token} say
   *     (llama.cpp's {@code add_special})
   * @param parseSpecial turn the text of control tokens (e.g. {@code <|eot_id|>}, {@code <s>}) into those tokens;
   *     without it they are tokenized as ordinary text (llama.cpp's {@code parse_special})
   */
  int[] encode(String text, boolean addSpecial, boolean parseSpecial);

  /**
   * Detokenizes as llama.cpp's {@code llama_detokenize}.
   *
   * @param removeSpecial drop a leading BOS (and a trailing EOS when the vocabulary adds one); when a BOS was dropped
   *     the SPM leading space of the next piece is kept
   * @param unparseSpecial render control tokens as their text; without it they render as nothing
   */
  String decode(int[] ids, boolean removeSpecial, boolean unparseSpecial);

  /**
   * {@link #decode(int[], boolean, boolean)} with {@code removeSpecial = true, unparseSpecial = false}: plain text. For
   * the text of generated tokens that continue a prompt, use {@link StreamingDecoder} (or {@link #tokenBytes}), which
   * never strips the SPM leading space.
   */
  default String decode(int[] ids) {
    return decode(ids, true, false);
  }

  /**
   * The raw bytes of one token as llama.cpp's {@code token_to_piece(id, lstrip = 0, special = true)} renders it: SPM
   * {@code ▁} becomes a space, byte tokens become their byte, BPE pieces are mapped back to bytes, control tokens give
   * their text. A piece may be part of a multi-byte UTF-8 character; see {@link StreamingDecoder}.
   */
  byte[] tokenBytes(int id);

  int vocabSize();

  int bos();

  int eos();

  /** The end-of-turn id ({@code <|eot_id|>} for Llama 3), or -1. */
  int eot();

  /** True if {@code id} is a control token (type 3), such as BOS, EOS or {@code <|eot_id|>}. */
  boolean isControl(int id);

  /** True if generation should stop at {@code id} (EOS, EOT, EOM and the other end-of-generation pieces). */
  boolean isEndOfGeneration(int id);

  /** The id of a stored piece (in the vocabulary's own spelling, e.g. {@code ▁the} or {@code Ġthe}), if any. */
  OptionalInt id(String piece);

  /** Whether {@code encode(text, true, …)} starts with BOS. */
  boolean addsBos();

  /** Opens a GGUF file (a vocab-only file is enough) and builds its tokenizer. */
  static Tokenizer fromGguf(Path file) throws IOException {
    try (GgufFile gguf = GgufFile.open(file)) {
      return fromGguf(gguf.metadata());
    }
  }

  /**
   * Builds the tokenizer named by {@code tokenizer.ggml.model} (and {@code tokenizer.ggml.pre}); a
   * {@link TokenizerException} names the metadata's file and the key at fault.
   */
  static Tokenizer fromGguf(GgufMetadata md) {
    try {
      return fromGgufKeys(md);
    } catch (TokenizerException e) {
      throw md.file() == null ? e : new TokenizerException(md.file() + ": " + e.getMessage(), e);
    }
  }

  private static Tokenizer fromGgufKeys(GgufMetadata md) {
    if (!md.has("tokenizer.ggml.model")) {
      throw new TokenizerException("metadata key tokenizer.ggml.model is missing: the file carries no tokenizer");
    }
    String model = md.getString("tokenizer.ggml.model");
    return switch (model) {
      case "llama" -> SpmTokenizer.fromGguf(md);
      case "gpt2" -> BpeTokenizer.fromGguf(md);
      default -> throw new TokenizerException("tokenizer.ggml.model = \"" + model
          + "\" is not supported (supported: \"llama\" = SentencePiece, \"gpt2\" with a Llama 3 pre-tokenizer)");
    };
  }
}
