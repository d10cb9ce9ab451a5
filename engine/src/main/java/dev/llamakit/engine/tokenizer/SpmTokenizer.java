package dev.llamakit.engine.tokenizer;

import dev.llamakit.engine.gguf.GgufMetadata;
import java.nio.charset.StandardCharsets;

/**
 * The SentencePiece-style tokenizer of Llama 2 GGUF vocabularies ({@code tokenizer.ggml.model = llama}), equal to
 * llama.cpp's {@code llm_tokenizer_spm_session}.
 *
 * <p>Spaces become {@code ▁}; a space is prepended to the first text fragment and to each fragment that follows a
 * special token ({@code add_space_prefix}); characters are merged pairwise, always taking the adjacent pair whose merged
 * piece has the highest score (leftmost on ties); a character that is no piece falls back to its {@code <0xXX>} byte
 * tokens.
 */
public final class SpmTokenizer extends VocabTokenizer {
  private static final char SPACE_MARK = '\u2581';
  private static final String HEX = "0123456789ABCDEF";

  private final boolean addSpacePrefix;
  private final int[] byteTokens = new int[256];
  private final PieceIndex index;

  public SpmTokenizer(Vocabulary vocab, boolean addSpacePrefix) {
    super(vocab, addSpacePrefix, false);
    this.addSpacePrefix = addSpacePrefix;
    this.index = new PieceIndex(vocab);
    for (int b = 0; b < 256; b++) {
      int id = vocab.idOf("<0x" + HEX.charAt(b >> 4) + HEX.charAt(b & 15) + ">");
      if (id < 0 && b < 0x80) {
        id = vocab.idOf(String.valueOf((char) b));
      }
      byteTokens[b] = id;
    }
  }

  /** Builds the tokenizer from GGUF metadata (llama.cpp defaults: BOS 1, EOS 2, add BOS, add space prefix). */
  public static SpmTokenizer fromGguf(GgufMetadata md) {
    Vocabulary vocab = Vocabulary.fromGguf(md, 1, 2, true);
    return new SpmTokenizer(vocab, md.getBoolean("tokenizer.ggml.add_space_prefix", true));
  }

  @Override
  protected byte[] renderPiece(int id, int type) {
    return switch (type) {
      case TokenType.NORMAL -> vocab.piece(id).replace(SPACE_MARK, ' ').getBytes(StandardCharsets.UTF_8);
      case TokenType.BYTE -> new byte[] {(byte) byteValue(id)};
      default -> new byte[0];
    };
  }

  /** The byte a {@code <0xXX>} byte token stands for; any other spelling of a byte-type token is an error. */
  private int byteValue(int id) {
    String p = vocab.piece(id);
    int hi = p.length() == 6 && p.startsWith("<0x") && p.endsWith(">") ? Character.digit(p.charAt(3), 16) : -1;
    int lo = hi >= 0 ? Character.digit(p.charAt(4), 16) : -1;
    if (lo < 0) {
      throw new TokenizerException("tokenizer.ggml.token_type[" + id + "] = 6 (byte) but tokenizer.ggml.tokens[" + id
          + "] = \"" + (p.length() > 40 ? p.substring(0, 40) + "..." : p) + "\" is not spelled <0xXX>");
    }
    return hi * 16 + lo;
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    IntList out = new IntList(text.length() / 3 + 4);
    boolean prevSpecial = true;
    if (addSpecial && vocab.addBos()) {
      out.add(vocab.bos());
    }
    for (SpecialTokenSplitter.Fragment f : splitter.split(text, parseSpecial)) {
      switch (f) {
        case SpecialTokenSplitter.Text t -> {
          String s = addSpacePrefix && prevSpecial ? " " + t.text() : t.text();
          tokenize(s.replace(' ', SPACE_MARK), out);
          prevSpecial = false;
        }
        case SpecialTokenSplitter.Special(int id) -> {
          out.add(id);
          prevSpecial = true;
        }
      }
    }
    if (addSpecial && vocab.addEos()) {
      out.add(vocab.eos());
    }
    return out.toArray();
  }

  private void tokenize(String text, IntList out) {
    int n = text.codePointCount(0, text.length());
    int[] start = new int[n];
    int[] len = new int[n];
    int[] prev = new int[n];
    int[] next = new int[n];
    for (int i = 0, off = 0; i < n; i++) {
      int c = Character.charCount(text.codePointAt(off));
      start[i] = off;
      len[i] = c;
      prev[i] = i - 1;
      off += c;
      next[i] = off == text.length() ? -1 : i + 1;
    }
    BigramQueue queue = new BigramQueue(n * 2);
    for (int i = 1; i < n; i++) {
      tryAdd(text, start, len, i - 1, i, queue);
    }
    while (!queue.isEmpty()) {
      queue.pop();
      int left = BigramQueue.left(queue.key);
      int right = queue.right;
      if (len[left] == 0 || len[right] == 0 || len[left] + len[right] != queue.size) {
        continue;
      }
      len[left] += len[right];
      len[right] = 0;
      next[left] = next[right];
      if (next[right] >= 0) {
        prev[next[right]] = left;
      }
      tryAdd(text, start, len, prev[left], left, queue);
      tryAdd(text, start, len, left, next[left], queue);
    }
    for (int i = 0; i != -1 && n > 0; i = next[i]) {
      int id = index.find(text, start[i], start[i] + len[i]);
      if (id >= 0) {
        out.add(id);
      } else {
        String piece = text.substring(start[i], start[i] + len[i]);
        for (byte b : piece.getBytes(StandardCharsets.UTF_8)) {
          int bt = byteTokens[b & 0xFF];
          if (bt < 0) {
            throw new TokenizerException(String.format(
                "the vocabulary has no byte token <0x%02X> to encode \"%s\"", b & 0xFF, piece));
          }
          out.add(bt);
        }
      }
    }
  }

  private void tryAdd(String text, int[] start, int[] len, int left, int right, BigramQueue queue) {
    if (left == -1 || right == -1) {
      return;
    }
    int size = len[left] + len[right];
    int id = index.find(text, start[left], start[left] + size);
    if (id < 0) {
      return;
    }
    queue.push(BigramQueue.key(BigramQueue.descendingScore(vocab.score(id)), left), right, size);
  }
}
