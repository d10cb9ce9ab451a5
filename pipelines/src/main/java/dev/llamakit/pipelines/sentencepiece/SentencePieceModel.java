package dev.llamakit.pipelines.sentencepiece;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SentencePiece model ({@code .model} file) that encodes text exactly as SentencePiece's
 * {@code encode_as_pieces} / {@code encode_as_ids} do: normalise (precompiled charsmap, whitespace rules, {@code ▁}),
 * segment (unigram Viterbi or BPE merges), then merge each run of unknown pieces into one piece — or, in a
 * byte-fallback model, spell each unknown piece as its UTF-8 byte pieces.
 *
 * <p>Immutable and thread-safe after {@link #load}; an encode call allocates a few arrays proportional to the text,
 * nothing per character.
 */
public final class SentencePieceModel {
  private final Vocabulary vocab;
  private final TextNormalizer normalizer;
  private final Encoder encoder;
  private final ModelType modelType;
  private final String normalizerName;
  private final ModelFile.Trainer trainer;
  private final String[] pieceTexts;

  private SentencePieceModel(ModelFile file) {
    ModelFile.Trainer t = file.trainer();
    this.modelType = switch (t.modelType()) {
      case 1 -> ModelType.UNIGRAM;
      case 2 -> ModelType.BPE;
      case 3 -> throw new IllegalArgumentException("trainer_spec.model_type WORD is not supported");
      case 4 -> throw new IllegalArgumentException("trainer_spec.model_type CHAR is not supported");
      default -> throw new IllegalArgumentException("trainer_spec.model_type " + t.modelType() + " is unknown");
    };
    this.trainer = t;
    this.vocab = new Vocabulary(file.pieces(), t.byteFallback());
    ModelFile.Normalization spec = file.normalizer();
    CharsMap charsMap = spec.precompiledCharsmap().length == 0 ? null : CharsMap.decode(spec.precompiledCharsmap());
    this.normalizer = new TextNormalizer(charsMap, vocab.userDefinedTrie(), spec, t.treatWhitespaceAsSuffix());
    this.normalizerName = spec.name();
    this.encoder = modelType == ModelType.UNIGRAM ? new UnigramEncoder(vocab) : new BpeEncoder(vocab);
    this.pieceTexts = new String[vocab.size()];
    for (int id = 0; id < pieceTexts.length; id++) {
      pieceTexts[id] = vocab.piece(id).text();
    }
  }

  /**
   * Reads a {@code .model} file (a serialised {@code ModelProto}).
   *
   * @throws NoSuchFileException when the file does not exist
   * @throws IOException when it cannot be read or is not a well-formed protobuf message (the message names the file
   *     and the field where parsing stopped)
   * @throws IllegalArgumentException when it parses but is no usable model: no pieces, no {@code <unk>}, duplicate
   *     pieces, an unsupported model type, a broken charsmap (the message names the file and the field)
   */
  public static SentencePieceModel load(Path file) throws IOException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      NoSuchFileException missing = new NoSuchFileException(file.toString(), null, "SentencePiece model not found");
      missing.initCause(e);
      throw missing;
    }
    if (bytes.length == 0) {
      throw new IOException(file + ": not a SentencePiece model: the file is empty");
    }
    ModelFile parsed;
    try {
      parsed = ModelProtoReader.read(bytes);
    } catch (IOException e) {
      throw new IOException(file + ": not a SentencePiece model: " + e.getMessage(), e);
    }
    try {
      return new SentencePieceModel(parsed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": not a usable SentencePiece model: " + e.getMessage(), e);
    }
  }

  /** SentencePiece's {@code encode_as_pieces(text)}: the piece strings, {@code ▁} marking spaces. */
  public List<String> encodeAsPieces(String text) {
    Encoded e = encode(text);
    List<String> pieces = new ArrayList<>(e.segments.size());
    for (int i = 0; i < e.segments.size(); i++) {
      int id = e.segments.id(i);
      int start = e.segments.start(i);
      int end = e.segments.end(i);
      if (vocab.is(id, PieceType.UNKNOWN)) {
        pieces.add(new String(e.normalized, start, end - start, StandardCharsets.UTF_8));
      } else {
        pieces.add(pieceTexts[id]);
      }
    }
    return pieces;
  }

  /** SentencePiece's {@code encode_as_ids(text)}: one id per piece of {@link #encodeAsPieces}. */
  public int[] encodeAsIds(String text) {
    Encoded e = encode(text);
    int[] ids = new int[e.segments.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = e.segments.id(i);
    }
    return ids;
  }

  /** The number of pieces in the vocabulary. */
  public int size() {
    return pieceTexts.length;
  }

  /** The vocabulary entry with id {@code id} ({@code 0 <= id < size()}). */
  public Piece piece(int id) {
    return vocab.piece(id);
  }

  /** The id of {@code piece}, or {@link #unkId()} when it is not in the vocabulary (SentencePiece's PieceToId). */
  public int pieceToId(String piece) {
    byte[] b = piece.getBytes(StandardCharsets.UTF_8);
    return vocab.pieceToId(b, 0, b.length);
  }

  /** The segmentation algorithm. */
  public ModelType modelType() {
    return modelType;
  }

  /** The normaliser's name as the model records it, e.g. {@code nmt_nfkc}. */
  public String normalizerName() {
    return normalizerName;
  }

  /** The id of the UNKNOWN piece. */
  public int unkId() {
    return vocab.unkId();
  }

  /** {@code trainer_spec.bos_id} (-1 when the model has none). */
  public int bosId() {
    return trainer.bosId();
  }

  /** {@code trainer_spec.eos_id} (-1 when the model has none). */
  public int eosId() {
    return trainer.eosId();
  }

  @Override
  public String toString() {
    return "SentencePieceModel[" + modelType + ", " + size() + " pieces, normalizer " + normalizerName + "]";
  }

  /**
   * The pieces of one text as {@link #encode(byte[], int, Encoding)} leaves them, and that call's working space: owned
   * by one thread and reused from text to text, so encoding allocates nothing once the arrays have grown. Piece
   * {@code i} has id {@link #id(int)} and spans {@code normalized()[start(i), end(i))} (for an UNKNOWN piece that span
   * is its text, as {@link #encodeAsPieces} spells it). Not thread-safe; valid until the next encode into it.
   */
  public static final class Encoding {
    private final Encoder.Lattice lattice = new Encoder.Lattice();
    private final Segments raw = new Segments(64);
    private final Segments pieces = new Segments(64);
    private byte[] normalized = new byte[64];
    private int normalizedLength;

    /** Number of pieces. */
    public int size() {
      return pieces.size();
    }

    /** The id of piece {@code i}. */
    public int id(int i) {
      return pieces.id(i);
    }

    /** Where piece {@code i} starts in {@link #normalized()}. */
    public int start(int i) {
      return pieces.start(i);
    }

    /** Where piece {@code i} ends in {@link #normalized()}. */
    public int end(int i) {
      return pieces.end(i);
    }

    /** The normalised UTF-8 text (SentencePiece's, with {@code ▁}) in {@code [0, normalizedLength())}; do not modify. */
    public byte[] normalized() {
      return normalized;
    }

    /** The length in bytes of the normalised text. */
    public int normalizedLength() {
      return normalizedLength;
    }
  }

  /** A fresh {@link Encoding} for one thread's repeated {@link #encode(byte[], int, Encoding)} calls. */
  public Encoding newEncoding() {
    return new Encoding();
  }

  /**
   * Encodes the UTF-8 text {@code utf8[0, length)} (well-formed UTF-8, as a Java string's encoding is) into
   * {@code into}: the same pieces as {@link #encodeAsPieces} and {@link #encodeAsIds} give for the decoded string.
   */
  public void encode(byte[] utf8, int length, Encoding into) {
    TextNormalizer.Output n = normalizer.normalize(utf8, length, into.normalized);
    into.normalized = n.bytes();
    into.normalizedLength = n.length();
    encoder.encode(n.bytes(), n.length(), into.lattice, into.raw);
    postprocess(n.bytes(), into.raw, into.pieces);
  }

  private record Encoded(byte[] normalized, Segments segments) {}

  private Encoded encode(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    TextNormalizer.Output n = normalizer.normalize(utf8, utf8.length);
    Segments raw = encoder.encode(n.bytes(), n.length());
    Segments out = new Segments(raw.size());
    postprocess(n.bytes(), raw, out);
    return new Encoded(n.bytes(), out);
  }

  /** SentencePiece's PopulateSentencePieceText: merge runs of unknown pieces, or spell them as bytes. */
  private void postprocess(byte[] text, Segments raw, Segments out) {
    boolean byteFallback = trainer.byteFallback();
    out.clear();
    boolean prevUnk = false;
    for (int i = 0; i < raw.size(); i++) {
      int id = raw.id(i);
      boolean unk = vocab.is(id, PieceType.UNKNOWN);
      if (unk && byteFallback) {
        for (int b = raw.start(i); b < raw.end(i); b++) {
          out.add(b, b + 1, vocab.byteId(text[b]));
        }
      } else if (unk && prevUnk) {
        out.extendLast(raw.end(i));
      } else {
        out.add(raw.start(i), raw.end(i), id);
      }
      prevUnk = unk;
    }
  }

  /** For tests: the normalised text SentencePiece's normaliser produces (with {@code ▁}). */
  String normalize(String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    TextNormalizer.Output n = normalizer.normalize(utf8, utf8.length);
    return new String(Arrays.copyOf(n.bytes(), n.length()), StandardCharsets.UTF_8);
  }
}
