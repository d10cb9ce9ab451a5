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
 */
final class UnigramEncoder implements Encoder {
  private static final float UNK_PENALTY = 10.0f;

  private final Vocabulary vocab;
  private final ByteTrie trie;
  private final float unkScore;
  private final float maxScore;

  UnigramEncoder(Vocabulary vocab) {
    if (vocab.pieceTrie().isEmpty()) {
      throw new IllegalArgumentException("ModelProto.pieces has no NORMAL, USER_DEFINED or UNUSED piece");
    }
    this.vocab = vocab;
    this.trie = vocab.pieceTrie();
    this.unkScore = vocab.minScore() - UNK_PENALTY;
    this.maxScore = vocab.maxScore();
  }

  @Override
  public Segments encode(byte[] text, int size) {
    Segments out = new Segments(size / 3 + 4);
    if (size == 0) {
      return out;
    }
    float[] best = new float[size + 1];
    int[] startsAt = new int[size + 1];
    int[] ids = new int[size + 1];
    Arrays.fill(startsAt, -1);
    int unkId = vocab.unkId();
    for (int start = 0; start < size; ) {
      float tillHere = best[start];
      int charLen = Utf8.charLength(text, start, size);
      boolean hasSingleChar = false;
      int node = ByteTrie.ROOT;
      for (int pos = start; pos < size; ) {
        node = trie.child(node, text[pos]);
        if (node < 0) {
          break;
        }
        pos++;
        int id = trie.value(node);
        if (id < 0 || vocab.is(id, PieceType.UNUSED)) {
          continue;
        }
        int length = pos - start;
        if (vocab.is(id, PieceType.USER_DEFINED)) {
          double candidate = ((double) (length * maxScore) - 0.1) + tillHere; // float product, double sum
          if (startsAt[pos] == -1 || candidate > best[pos]) {
            set(best, startsAt, ids, pos, (float) candidate, start, id);
          }
        } else {
          float candidate = vocab.score(id) + tillHere;
          if (startsAt[pos] == -1 || candidate > best[pos]) {
            set(best, startsAt, ids, pos, candidate, start, id);
          }
        }
        if (length == charLen) {
          hasSingleChar = true;
        }
      }
      if (!hasSingleChar) {
        int end = start + charLen;
        float candidate = unkScore + tillHere;
        if (startsAt[end] == -1 || candidate > best[end]) {
          set(best, startsAt, ids, end, candidate, start, unkId);
        }
      }
      start += charLen;
    }
    for (int end = size; end > 0; end = startsAt[end]) {
      out.add(startsAt[end], end, ids[end]);
    }
    out.reverse();
    return out;
  }

  private static void set(float[] best, int[] startsAt, int[] ids, int pos, float score, int start, int id) {
    best[pos] = score;
    startsAt[pos] = start;
    ids[pos] = id;
  }
}
