package dev.llamakit.pipelines.filters.perplexity;

import dev.llamakit.engine.tokenizer.BpeTokenizer;
import dev.llamakit.engine.tokenizer.SpmTokenizer;
import dev.llamakit.engine.tokenizer.Tokenizer;
import dev.llamakit.engine.tokenizer.Vocabulary;
import dev.llamakit.pipelines.text.PyText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A GGUF file's tokenizer as a perplexity model's tokenizer: the engine's {@link Tokenizer} (llama.cpp's own
 * tokenization of Llama 2's SentencePiece or Llama 3's byte-level BPE vocabulary, read from a vocab-only or a full
 * model GGUF; no tensor is read) encodes the normalised text without BOS/EOS and without parsing special tokens (a
 * document that spells {@code <s>} or {@code <|eot_id|>} gets ordinary pieces), and each token's <b>piece text</b>,
 * as the vocabulary stores it, is the n-gram model's word: {@code ▁the} for Llama 2, {@code Ġthe} for Llama 3, byte
 * tokens as {@code <0x0A>}.
 *
 * <p>Words are one whitespace-free token each, so KenLM's whitespace split and Python's {@code split()} both give the
 * pieces back and cc_net's {@code length} is pieces + 1. Llama 2's and Llama 3's vocabularies need no escaping (their
 * spaces are {@code ▁} or {@code Ġ}, their newlines {@code <0x0A>} or {@code Ċ}); for other vocabularies
 * {@link #lmWord} rewrites a piece deterministically: every Python whitespace character and NUL becomes {@code ▁}
 * (U+2581), a piece that spells one of KenLM's reserved words {@code <s>}, {@code </s>}, {@code <unk>} gets a
 * {@code ▁} appended, and an empty piece becomes {@code ▁}. Two pieces may then share a word (the model merges
 * them); the same rewriting is used to train ({@code train-lm --gguf}) and to score, so the two always agree.
 */
public final class GgufPieces implements PieceTokenizer {
  private static final Set<String> KENLM_RESERVED = Set.of("<s>", "</s>", "<unk>");

  private final Tokenizer tokenizer;
  private final Path source;
  /** Per token id: its word ({@link #lmWord} of its piece text). */
  private final String[] words;

  public GgufPieces(Tokenizer tokenizer, Path source) {
    this.tokenizer = tokenizer;
    this.source = source;
    Vocabulary vocab = switch (tokenizer) {
      case SpmTokenizer s -> s.vocabulary();
      case BpeTokenizer b -> b.vocabulary();
      default -> throw new IllegalArgumentException(source + ": tokenizer " + tokenizer.getClass().getSimpleName()
          + " has no GGUF vocabulary");
    };
    this.words = new String[vocab.size()];
    for (int id = 0; id < words.length; id++) {
      words[id] = lmWord(vocab.piece(id));
    }
  }

  /** Loads the tokenizer of the GGUF {@code file}; a missing, corrupt or tokenizer-less file is an error naming it. */
  public static GgufPieces open(Path file) throws IOException {
    Tokenizer t;
    try {
      t = Tokenizer.fromGguf(file);
    } catch (IOException | RuntimeException e) {
      String m = String.valueOf(e.getMessage());
      String message = m.contains(file.toString()) ? m : file + ": " + m;
      throw new IOException("GGUF tokenizer " + message, e);
    }
    return new GgufPieces(t, file);
  }

  /** The engine tokenizer. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public Path source() {
    return source;
  }

  /** Number of token ids. */
  public int size() {
    return words.length;
  }

  /** The n-gram word of token {@code id}. */
  public String word(int id) {
    return words[id];
  }

  /** The token ids of normalised text: no BOS/EOS, special tokens not parsed; none for empty text. */
  public int[] ids(String normalized) {
    return normalized.isEmpty() ? new int[0] : tokenizer.encode(normalized, false, false);
  }

  @Override
  public List<String> pieces(String normalized) {
    int[] ids = ids(normalized);
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) {
      out.add(words[id]);
    }
    return out;
  }

  /**
   * A piece's text as one n-gram word: Python whitespace and NUL become {@code ▁} (U+2581), KenLM's reserved
   * {@code <s>}, {@code </s>}, {@code <unk>} get a {@code ▁} appended, empty becomes {@code ▁}; anything else is
   * unchanged.
   */
  public static String lmWord(String piece) {
    if (piece.isEmpty()) {
      return "\u2581";
    }
    String w = piece;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '\0' || PyText.isSpace(c)) {
        StringBuilder b = new StringBuilder(w.length());
        for (int j = 0; j < w.length(); j++) {
          char d = w.charAt(j);
          b.append(d == '\0' || PyText.isSpace(d) ? '\u2581' : d);
        }
        w = b.toString();
        break;
      }
    }
    return KENLM_RESERVED.contains(w) ? w + "\u2581" : w;
  }

  @Override
  public String toString() {
    return "GGUF tokenizer " + source + " (" + words.length + " tokens)";
  }
}
