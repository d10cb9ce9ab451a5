package dev.llamakit.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * What SPM and BPE tokenizers share: the vocabulary, the special-token split and llama.cpp's detokenizer
 * ({@code llama_vocab::impl::detokenize} with its piece cache, leading-space strip and {@code clean_spaces}).
 */
abstract sealed class VocabTokenizer implements Tokenizer permits SpmTokenizer, BpeTokenizer {
  protected final Vocabulary vocab;
  protected final SpecialTokenSplitter splitter;
  private final byte[][] pieceBytes;
  private final boolean addSpacePrefix;
  private final boolean cleanSpaces;

  VocabTokenizer(Vocabulary vocab, boolean addSpacePrefix, boolean cleanSpaces) {
    this.vocab = vocab;
    this.splitter = new SpecialTokenSplitter(vocab);
    this.addSpacePrefix = addSpacePrefix;
    this.cleanSpaces = cleanSpaces;
    this.pieceBytes = new byte[vocab.size()][];
    for (int id = 0; id < vocab.size(); id++) {
      int type = vocab.type(id);
      pieceBytes[id] = TokenType.isSpecial(type)
          ? vocab.piece(id).getBytes(StandardCharsets.UTF_8)
          : renderPiece(id, type);
    }
  }

  /** The bytes of a non-special token (normal, byte, unused …), as llama.cpp's {@code token_to_piece} renders it. */
  protected abstract byte[] renderPiece(int id, int type);

  @Override
  public String decode(int[] ids, boolean removeSpecial, boolean unparseSpecial) {
    int from = 0;
    int to = ids.length;
    boolean removeSpace = addSpacePrefix;
    if (removeSpecial && vocab.addBos() && to > 0 && ids[0] == vocab.bos()) {
      removeSpace = false;
      from = 1;
    }
    if (removeSpecial && vocab.addEos() && to > from && ids[to - 1] == vocab.eos()) {
      to--;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length * 4);
    for (int i = from; i < to; i++) {
      int id = ids[i];
      if (id < 0 || id >= pieceBytes.length) {
        throw new TokenizerException("token id " + id + " at position " + i + " is outside the vocabulary of "
            + pieceBytes.length + " tokens");
      }
      if (!unparseSpecial && TokenType.isControlLike(vocab.type(id))) {
        removeSpace = false;
        continue;
      }
      byte[] p = pieceBytes[id];
      int skip = removeSpace && p.length > 0 && p[0] == ' ' ? 1 : 0;
      out.write(p, skip, p.length - skip);
      removeSpace = false;
    }
    byte[] text = out.toByteArray();
    if (cleanSpaces) {
      text = SpaceCleaner.clean(text);
    }
    return new String(text, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] tokenBytes(int id) {
    if (id < 0 || id >= pieceBytes.length) {
      throw new TokenizerException("token id " + id + " is outside the vocabulary of " + pieceBytes.length + " tokens");
    }
    return pieceBytes[id].clone();
  }

  @Override
  public int vocabSize() {
    return vocab.size();
  }

  @Override
  public int bos() {
    return vocab.bos();
  }

  @Override
  public int eos() {
    return vocab.eos();
  }

  @Override
  public int eot() {
    return vocab.eot();
  }

  @Override
  public boolean isControl(int id) {
    return vocab.type(id) == TokenType.CONTROL;
  }

  @Override
  public boolean isEndOfGeneration(int id) {
    return vocab.eog().contains(id);
  }

  @Override
  public OptionalInt id(String piece) {
    return vocab.find(piece);
  }

  @Override
  public boolean addsBos() {
    return vocab.addBos();
  }

  /** The vocabulary behind this tokenizer. */
  public Vocabulary vocabulary() {
    return vocab;
  }
}
