package dev.llamakit.pipelines.sentencepiece;

import java.util.Arrays;

/**
 * The unigram model's best segmentation (SentencePiece's optimised Viterbi, {@code EncodeOptimized}): for each
 * character boundary, the best-scoring path ending there, extended by every vocabulary piece starting there.
 *
 * <p>Scores follow SentencePiece to the bit: path scores are float sums; a USER_DEFINED piece scores
 * {@code length * maxScore - 0.1} (length in bytes; float product, double difference), compared and then stored as float; a character no piece
 * starts with becomes the unknown piece with score {@code minScore - 10}; UNUSED pieces are skipped; on equal scores
 * the first candidate found (shorter start, then shorter piece) stays.
 *
 * <p>The piece trie is walked in a packed copy: per double-array slot four ints (base, check, what the slot's key
 * is, its score's bits), so one step of the walk touches one small record instead of four arrays.
 */
final class UnigramEncoder implements Encoder {
  private static final float UNK_PENALTY = 10.0f;
  /** {@link #nodes} code of a slot where no usable piece ends (no key, or an UNUSED piece). */
  private static final int NONE = -1;

  private final float unkScore;
  private final float maxScore;
  private final int unkId;
  /**
   * Per slot {@code t}: {@code nodes[4t]} base, {@code nodes[4t+1]} check (parent slot, negative when free),
   * {@code nodes[4t+2]} code: the piece id of a NORMAL piece, {@link #NONE}, or {@code -2 - id} for a USER_DEFINED
   * piece; {@code nodes[4t+3]} the raw bits of the piece's score.
   */
  private final int[] nodes;
  private final int slots;

  UnigramEncoder(Vocabulary vocab) {
    ByteTrie trie = vocab.pieceTrie();
    if (trie.isEmpty()) {
      throw new IllegalArgumentException("ModelProto.pieces has no NORMAL, USER_DEFINED or UNUSED piece");
    }
    this.unkScore = vocab.minScore() - UNK_PENALTY;
    this.maxScore = vocab.maxScore();
    this.unkId = vocab.unkId();
    this.slots = trie.slots();
    this.nodes = new int[4 * slots];
    for (int t = 0; t < slots; t++) {
      nodes[4 * t] = trie.base(t);
      nodes[4 * t + 1] = t == ByteTrie.ROOT ? Integer.MIN_VALUE : trie.check(t);
      int id = trie.value(t);
      int code = NONE;
      if (id >= 0 && !vocab.is(id, PieceType.UNUSED)) {
        code = vocab.is(id, PieceType.USER_DEFINED) ? -2 - id : id;
      }
      nodes[4 * t + 2] = code;
      nodes[4 * t + 3] = id >= 0 ? Float.floatToRawIntBits(vocab.score(id)) : 0;
    }
  }

  @Override
  public Segments encode(byte[] text, int size) {
    Segments out = new Segments(size / 3 + 4);
    encode(text, size, new Lattice(), out);
    return out;
  }

  @Override
  public void encode(byte[] text, int size, Lattice lattice, Segments out) {
    out.clear();
    if (size == 0) {
      return;
    }
    lattice.ensure(size + 1);
    float[] best = lattice.best;
    int[] startsAt = lattice.startsAt;
    int[] ids = lattice.ids;
    best[0] = 0f;
    Arrays.fill(startsAt, 0, size + 1, -1);
    int[] nodes = this.nodes;
    int slots = this.slots;
    for (int start = 0; start < size; ) {
      float tillHere = best[start];
      int charLen = Utf8.charLength(text, start, size);
      boolean hasSingleChar = false;
      int node = ByteTrie.ROOT;
      for (int pos = start; pos < size; ) {
        int t = nodes[4 * node] + (text[pos] & 0xFF);
        if (t >= slots || nodes[4 * t + 1] != node) {
          break;
        }
        node = t;
        pos++;
        int code = nodes[4 * t + 2];
        if (code == NONE) {
          continue;
        }
        if (code >= 0) {
          float candidate = Float.intBitsToFloat(nodes[4 * t + 3]) + tillHere;
          if (startsAt[pos] == -1 || candidate > best[pos]) {
            best[pos] = candidate;
            startsAt[pos] = start;
            ids[pos] = code;
          }
        } else {
          int length = pos - start;
          double candidate = ((double) (length * maxScore) - 0.1) + tillHere; // float product, double sum
          if (startsAt[pos] == -1 || candidate > best[pos]) {
            best[pos] = (float) candidate;
            startsAt[pos] = start;
            ids[pos] = -2 - code;
          }
        }
        if (pos - start == charLen) {
          hasSingleChar = true;
        }
      }
      if (!hasSingleChar) {
        int end = start + charLen;
        float candidate = unkScore + tillHere;
        if (startsAt[end] == -1 || candidate > best[end]) {
          best[end] = candidate;
          startsAt[end] = start;
          ids[end] = unkId;
        }
      }
      start += charLen;
    }
    for (int end = size; end > 0; end = startsAt[end]) {
      out.add(startsAt[end], end, ids[end]);
    }
    out.reverse();
  }
}
