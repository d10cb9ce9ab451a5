package dev.llamakit.pipelines.sentencepiece;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the protobuf wire format of SentencePiece's {@code ModelProto} (sentencepiece_model.proto) with protobuf-java's
 * {@link CodedInputStream}, without generated classes: only the fields encoding needs, every other field skipped.
 *
 * <p>Errors name the field being read, e.g. {@code ModelProto.pieces[17].score}. Groups (wire types 3 and 4) never
 * occur in a model and are rejected rather than skipped.
 */
final class ModelProtoReader {
  private final CodedInputStream in;
  private String field = "ModelProto";

  private ModelProtoReader(byte[] bytes) {
    this.in = CodedInputStream.newInstance(bytes);
  }

  /**
   * Parses a whole {@code ModelProto}.
   *
   * @throws IOException when the bytes are not a well-formed message (message names the field)
   */
  static ModelFile read(byte[] bytes) throws IOException {
    ModelProtoReader r = new ModelProtoReader(bytes);
    try {
      return r.model();
    } catch (InvalidProtocolBufferException e) {
      String why = e.getMessage() != null && e.getMessage().contains("input ended unexpectedly")
          ? "the data ends inside this field (truncated file?)"
          : e.getMessage();
      throw new IOException("malformed protobuf at " + r.field + ": " + why, e);
    }
  }

  private ModelFile model() throws IOException {
    List<Piece> pieces = new ArrayList<>();
    ModelFile.Trainer trainer = ModelFile.Trainer.DEFAULT;
    ModelFile.Normalization normalizer = ModelFile.Normalization.DEFAULT;
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> {
          field = "ModelProto.pieces[" + pieces.size() + "]";
          pieces.add(nested(tag, this::piece));
        }
        case 2 -> {
          field = "ModelProto.trainer_spec";
          trainer = nested(tag, this::trainer);
        }
        case 3 -> {
          field = "ModelProto.normalizer_spec";
          normalizer = nested(tag, this::normalizer);
        }
        default -> skip(tag, "ModelProto");
      }
    }
    field = "ModelProto";
    return new ModelFile(List.copyOf(pieces), trainer, normalizer);
  }

  private Piece piece() throws IOException {
    String base = field;
    String text = null;
    float score = 0f;
    int type = PieceType.NORMAL.number();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> text = string(tag, base + ".piece");
        case 2 -> {
          expect(tag, WireFormat.WIRETYPE_FIXED32, base + ".score");
          score = in.readFloat();
        }
        case 3 -> type = varint(tag, base + ".type");
        default -> skip(tag, base);
      }
    }
    PieceType t = PieceType.of(type);
    if (t == null) {
      throw new InvalidProtocolBufferException("unknown piece type " + type + " at " + base + ".type");
    }
    field = base;
    return new Piece(text == null ? "" : text, score, t);
  }

  private ModelFile.Trainer trainer() throws IOException {
    ModelFile.Trainer d = ModelFile.Trainer.DEFAULT;
    int modelType = d.modelType();
    boolean byteFallback = d.byteFallback();
    boolean suffix = d.treatWhitespaceAsSuffix();
    int unk = d.unkId();
    int bos = d.bosId();
    int eos = d.eosId();
    int pad = d.padId();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 3 -> modelType = varint(tag, "TrainerSpec.model_type");
        case 24 -> suffix = varint(tag, "TrainerSpec.treat_whitespace_as_suffix") != 0;
        case 35 -> byteFallback = varint(tag, "TrainerSpec.byte_fallback") != 0;
        case 40 -> unk = varint(tag, "TrainerSpec.unk_id");
        case 41 -> bos = varint(tag, "TrainerSpec.bos_id");
        case 42 -> eos = varint(tag, "TrainerSpec.eos_id");
        case 43 -> pad = varint(tag, "TrainerSpec.pad_id");
        default -> skip(tag, "ModelProto.trainer_spec");
      }
    }
    return new ModelFile.Trainer(modelType, byteFallback, suffix, unk, bos, eos, pad);
  }

  private ModelFile.Normalization normalizer() throws IOException {
    ModelFile.Normalization d = ModelFile.Normalization.DEFAULT;
    String name = d.name();
    byte[] charsmap = d.precompiledCharsmap();
    boolean dummy = d.addDummyPrefix();
    boolean removeExtra = d.removeExtraWhitespaces();
    boolean escape = d.escapeWhitespaces();
    for (int tag; (tag = in.readTag()) != 0; ) {
      switch (WireFormat.getTagFieldNumber(tag)) {
        case 1 -> name = string(tag, "NormalizerSpec.name");
        case 2 -> {
          expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, "NormalizerSpec.precompiled_charsmap");
          charsmap = in.readByteArray();
        }
        case 3 -> dummy = varint(tag, "NormalizerSpec.add_dummy_prefix") != 0;
        case 4 -> removeExtra = varint(tag, "NormalizerSpec.remove_extra_whitespaces") != 0;
        case 5 -> escape = varint(tag, "NormalizerSpec.escape_whitespaces") != 0;
        default -> skip(tag, "ModelProto.normalizer_spec");
      }
    }
    return new ModelFile.Normalization(name, charsmap, dummy, removeExtra, escape);
  }

  private interface Body<T> {
    T read() throws IOException;
  }

  /** Reads a length-delimited sub-message with {@code body}, which must consume exactly its bytes. */
  private <T> T nested(int tag, Body<T> body) throws IOException {
    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, field);
    int length = in.readRawVarint32();
    if (length < 0) {
      throw new InvalidProtocolBufferException("negative length " + length);
    }
    int old = in.pushLimit(length);
    T value = body.read();
    if (!in.isAtEnd()) {
      throw new InvalidProtocolBufferException("sub-message not fully read");
    }
    in.popLimit(old);
    return value;
  }

  private String string(int tag, String name) throws IOException {
    expect(tag, WireFormat.WIRETYPE_LENGTH_DELIMITED, name);
    field = name;
    return in.readStringRequireUtf8();
  }

  private int varint(int tag, String name) throws IOException {
    expect(tag, WireFormat.WIRETYPE_VARINT, name);
    field = name;
    return in.readInt32();
  }

  private void expect(int tag, int wireType, String name) throws InvalidProtocolBufferException {
    if (WireFormat.getTagWireType(tag) != wireType) {
      throw new InvalidProtocolBufferException(
          name + " has wire type " + WireFormat.getTagWireType(tag) + ", expected " + wireType);
    }
  }

  /** Skips an unknown field; groups are refused (no SentencePiece field is a group; skipping them recurses). */
  private void skip(int tag, String message) throws IOException {
    int wireType = WireFormat.getTagWireType(tag);
    if (wireType == WireFormat.WIRETYPE_START_GROUP || wireType == WireFormat.WIRETYPE_END_GROUP || wireType > 5) {
      throw new InvalidProtocolBufferException(
          "field " + WireFormat.getTagFieldNumber(tag) + " of " + message + " has invalid wire type " + wireType);
    }
    field = message + " field " + WireFormat.getTagFieldNumber(tag);
    in.skipField(tag);
  }
}
