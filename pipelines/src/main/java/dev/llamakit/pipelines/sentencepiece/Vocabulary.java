package dev.llamakit.pipelines.sentencepiece;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pieces of a model, indexed for encoding, checked as SentencePiece's {@code ModelInterface::InitializePieces}
 * checks them: non-empty and unique pieces, exactly one UNKNOWN piece, BYTE pieces only (and all 256) with byte
 * fallback.
 *
 * <p>Two tries: {@link #pieceTrie()} holds NORMAL, USER_DEFINED and UNUSED pieces (what the encoders may match);
 * {@link #reservedTrie()} the UNKNOWN, CONTROL and BYTE pieces. Immutable and thread-safe.
 */
final class Vocabulary {
  private final Piece[] pieces;
  private final byte[] types; // PieceType ordinals, by id
  private final float[] scores;
  private final ByteTrie pieceTrie;
  private final ByteTrie reservedTrie;
  private final ByteTrie userDefinedTrie;
  private final int[] byteIds = new int[256];
  private final int unkId;
  private final float minScore;
  private final float maxScore;

  /**
   * Indexes {@code pieces}.
   *
   * @throws IllegalArgumentException when the vocabulary breaks one of SentencePiece's rules
   */
  Vocabulary(List<Piece> pieces, boolean byteFallback) {
    if (pieces.isEmpty()) {
      throw new IllegalArgumentException("ModelProto.pieces is empty");
    }
    this.pieces = pieces.toArray(Piece[]::new);
    this.types = new byte[this.pieces.length];
    this.scores = new float[this.pieces.length];
    Arrays.fill(byteIds, -1);
    ByteTrie.Builder pieceKeys = new ByteTrie.Builder();
    ByteTrie.Builder reservedKeys = new ByteTrie.Builder();
    ByteTrie.Builder userDefinedKeys = new ByteTrie.Builder();
    Set<String> normal = new HashSet<>();
    Set<String> reserved = new HashSet<>();
    int unk = -1;
    float min = Float.MAX_VALUE;
    float max = Float.MIN_VALUE; // as SentencePiece: FLT_MIN, the smallest positive float
    for (int id = 0; id < this.pieces.length; id++) {
      Piece p = this.pieces[id];
      String where = "ModelProto.pieces[" + id + "]";
      if (p.text().isEmpty()) {
        throw new IllegalArgumentException(where + ".piece is empty");
      }
      types[id] = (byte) p.type().ordinal();
      scores[id] = p.score();
      boolean isNormal = p.type() == PieceType.NORMAL || p.type() == PieceType.USER_DEFINED
          || p.type() == PieceType.UNUSED;
      if (!(isNormal ? normal : reserved).add(p.text())) {
        throw new IllegalArgumentException(where + ".piece " + quote(p.text()) + " is already defined");
      }
      byte[] utf8 = p.text().getBytes(StandardCharsets.UTF_8);
      (isNormal ? pieceKeys : reservedKeys).put(utf8, id);
      switch (p.type()) {
        case NORMAL -> {
          min = Math.min(min, p.score());
          max = Math.max(max, p.score());
        }
        case USER_DEFINED -> userDefinedKeys.put(utf8, id);
        case UNKNOWN -> {
          if (unk >= 0) {
            throw new IllegalArgumentException(where + " is a second UNKNOWN piece (first: id " + unk + ")");
          }
          unk = id;
        }
        case BYTE -> {
          if (!byteFallback) {
            throw new IllegalArgumentException(
                where + " is the byte piece " + quote(p.text()) + " although trainer_spec.byte_fallback is false");
          }
          int b = byteOf(p.text());
          if (b < 0) {
            throw new IllegalArgumentException(where + ".piece " + quote(p.text()) + " is not a byte piece <0xXX>");
          }
          byteIds[b] = id;
        }
        default -> { }
      }
    }
    if (unk < 0) {
      throw new IllegalArgumentException("ModelProto.pieces has no UNKNOWN piece");
    }
    if (byteFallback) {
      for (int b = 0; b < 256; b++) {
        if (byteIds[b] < 0) {
          throw new IllegalArgumentException(
              String.format(Locale.ROOT, "trainer_spec.byte_fallback is true but piece <0x%02X> is missing", b));
        }
      }
    }
    this.pieceTrie = pieceKeys.build();
    this.reservedTrie = reservedKeys.build();
    this.userDefinedTrie = userDefinedKeys.build();
    this.unkId = unk;
    this.minScore = min;
    this.maxScore = max;
  }

  int size() {
    return pieces.length;
  }

  Piece piece(int id) {
    return pieces[id];
  }

  float score(int id) {
    return scores[id];
  }

  boolean is(int id, PieceType type) {
    return types[id] == type.ordinal();
  }

  int unkId() {
    return unkId;
  }

  /** The smallest NORMAL score ({@code Float.MAX_VALUE} when there is none). */
  float minScore() {
    return minScore;
  }

  /** The largest NORMAL score, at least {@code Float.MIN_VALUE} (SentencePiece starts from FLT_MIN). */
  float maxScore() {
    return maxScore;
  }

  /** NORMAL, USER_DEFINED and UNUSED pieces. */
  ByteTrie pieceTrie() {
    return pieceTrie;
  }

  /** UNKNOWN, CONTROL and BYTE pieces. */
  ByteTrie reservedTrie() {
    return reservedTrie;
  }

  /** USER_DEFINED pieces: matched whole, before normalisation. */
  ByteTrie userDefinedTrie() {
    return userDefinedTrie;
  }

  /** The id of byte piece {@code <0xXX>} for {@code b} (byte-fallback models only). */
  int byteId(int b) {
    return byteIds[b & 0xFF];
  }

  /** SentencePiece's {@code PieceToId} on {@code s[from, to)}: reserved pieces first, then the others, else unk. */
  int pieceToId(byte[] s, int from, int to) {
    int id = reservedTrie.get(s, from, to);
    if (id < 0) {
      id = pieceTrie.get(s, from, to);
    }
    return id < 0 ? unkId : id;
  }

  /** The byte of a piece {@code <0xXX>} (two upper-case hex digits, as SentencePiece writes them), else -1. */
  static int byteOf(String piece) {
    if (piece.length() != 6 || !piece.startsWith("<0x") || piece.charAt(5) != '>') {
      return -1;
    }
    int hi = upperHex(piece.charAt(3));
    int lo = upperHex(piece.charAt(4));
    return hi < 0 || lo < 0 ? -1 : hi * 16 + lo;
  }

  private static int upperHex(char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
