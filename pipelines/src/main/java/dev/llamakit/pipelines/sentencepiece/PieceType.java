package dev.llamakit.pipelines.sentencepiece;

/** The type of a vocabulary piece, as {@code ModelProto.SentencePiece.Type} numbers it. */
public enum PieceType {
  /** An ordinary piece the encoders may produce. */
  NORMAL(1),
  /** The unknown piece ({@code <unk>}); a model has exactly one. */
  UNKNOWN(2),
  /** A control symbol such as {@code <s>}; never produced from text. */
  CONTROL(3),
  /** A user-defined symbol: matched before normalisation and always kept whole. */
  USER_DEFINED(4),
  /** A piece kept in the vocabulary but never produced (BPE splits it back into the pieces it merged). */
  UNUSED(5),
  /** One of the 256 byte pieces {@code <0x00>}…{@code <0xFF>} of a byte-fallback model. */
  BYTE(6);

  private final int number;

  PieceType(int number) {
    this.number = number;
  }

  /** The protobuf enum number. */
  public int number() {
    return number;
  }

  /** The type with protobuf number {@code number}, or null for a number SentencePiece does not define. */
  static PieceType of(int number) {
    for (PieceType t : values()) {
      if (t.number == number) {
        return t;
      }
    }
    return null;
  }
}
