package dev.llamakit.pipelines.sentencepiece;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Writes small SentencePiece {@code ModelProto} files for tests (field numbers of sentencepiece_model.proto). */
final class ModelBytes {
  private final List<Piece> pieces = new ArrayList<>();
  private int modelType = 1;
  private boolean byteFallback;
  private boolean addDummyPrefix = true;

  ModelBytes piece(String text, float score, PieceType type) {
    pieces.add(new Piece(text, score, type));
    return this;
  }

  ModelBytes piece(String text, float score) {
    return piece(text, score, PieceType.NORMAL);
  }

  /** {@code <unk>}, {@code <s>}, {@code </s>} as ids 0, 1, 2. */
  ModelBytes specials() {
    return piece("<unk>", 0, PieceType.UNKNOWN).piece("<s>", 0, PieceType.CONTROL).piece("</s>", 0, PieceType.CONTROL);
  }

  /** The 256 byte pieces of a byte-fallback model, and sets {@code byte_fallback}. */
  ModelBytes bytePieces() {
    for (int b = 0; b < 256; b++) {
      piece(String.format("<0x%02X>", b), 0, PieceType.BYTE);
    }
    byteFallback = true;
    return this;
  }

  ModelBytes modelType(int type) {
    modelType = type;
    return this;
  }

  ModelBytes addDummyPrefix(boolean on) {
    addDummyPrefix = on;
    return this;
  }

  byte[] bytes() {
    try {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(buf);
      for (Piece p : pieces) {
        out.writeBytes(1, message(m -> {
          m.writeString(1, p.text());
          m.writeFloat(2, p.score());
          m.writeEnum(3, p.type().number());
        }));
      }
      out.writeBytes(2, message(m -> {
        m.writeString(1, "unused-input.txt"); // repeated string input: skipped by the reader
        m.writeEnum(3, modelType);
        m.writeInt32(4, pieces.size());
        m.writeBool(35, byteFallback);
        m.writeInt32(40, 0);
      }));
      out.writeBytes(3, message(m -> {
        m.writeString(1, "identity");
        m.writeBool(3, addDummyPrefix);
      }));
      out.flush();
      return buf.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static ByteString message(Body body) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(buf);
    body.write(out);
    out.flush();
    return ByteString.copyFrom(buf.toByteArray());
  }
}
