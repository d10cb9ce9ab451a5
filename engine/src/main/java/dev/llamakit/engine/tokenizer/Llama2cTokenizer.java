package dev.llamakit.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The tokenizer of llama2.c checkpoints ({@code tokenizer.bin}, {@code tok512.bin}), encoding exactly as llama2.c's
 * {@code run.c}: BOS 1, a dummy-prefix {@code " "} token before non-empty text, one token per UTF-8 character (byte
 * fallback {@code id = byte + 3}), then repeated merging of the adjacent pair whose merged piece has the highest score
 * (the leftmost on ties).
 *
 * <p>File format (little-endian): {@code int max_token_length}, then per token {@code float score, int len, len bytes}.
 * Pieces store real spaces (not {@code ▁}). llama2.c has no special-token parsing, so {@code parseSpecial} is ignored;
 * ids 0-2 ({@code <unk>, <s>, </s>}) count as control tokens. Decoding is run.c's {@code decode}: the leading space of
 * a piece that follows BOS is dropped and {@code <0xXX>} pieces become their byte; control tokens render as nothing
 * unless {@code unparseSpecial} is set ({@code removeSpecial} has no further effect).
 */
public final class Llama2cTokenizer implements Tokenizer {
  private static final int BOS = 1;
  private static final int EOS = 2;

  private final Path source;
  private final byte[][] pieces;
  private final float[] scores;
  private final Map<String, Integer> ids;
  private final int maxTokenLength;
  private final int dummyPrefix;

  private Llama2cTokenizer(Path source, byte[][] pieces, float[] scores, int maxTokenLength) {
    this.source = source;
    this.pieces = pieces;
    this.scores = scores;
    this.maxTokenLength = maxTokenLength;
    this.ids = new HashMap<>(pieces.length * 2);
    for (int i = pieces.length - 1; i >= 0; i--) {
      ids.put(key(pieces[i]), i);
    }
    this.dummyPrefix = ids.getOrDefault(" ", -1);
  }

  /**
   * Reads {@code vocabSize} tokens of a llama2.c tokenizer file. The file must hold exactly that many tokens, each no
   * longer than the header's {@code max_token_length}; any other shape is a {@link TokenizerException} naming the
   * file, the field and the value (run.c reads blindly).
   */
  public static Llama2cTokenizer load(Path file, int vocabSize) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    if (vocabSize < 3) {
      throw new TokenizerException(file + ": vocabulary size " + vocabSize + " is too small (needs <unk>, <s>, </s>)");
    }
    if (buf.remaining() < 4) {
      throw new TokenizerException(file + ": " + buf.remaining() + " bytes: too short for the max_token_length header");
    }
    int maxLen = buf.getInt();
    if (maxLen < 1) {
      throw new TokenizerException(file + ": header max_token_length = " + maxLen + " must be >= 1");
    }
    if (vocabSize > buf.remaining() / 8) {
      // Each token takes at least 8 bytes (score, length): check before allocating vocabSize entries.
      throw new TokenizerException(file + ": the model's vocabulary of " + vocabSize + " tokens needs at least "
          + 8L * vocabSize + " bytes but the file has " + buf.remaining() + " after its header: truncated, or the "
          + "tokenizer of another model");
    }
    byte[][] pieces = new byte[vocabSize][];
    float[] scores = new float[vocabSize];
    for (int i = 0; i < vocabSize; i++) {
      if (buf.remaining() < 8) {
        throw new TokenizerException(file + ": truncated at offset " + buf.position() + " in token " + i + " of "
            + vocabSize);
      }
      scores[i] = buf.getFloat();
      int len = buf.getInt();
      if (len < 0 || len > maxLen || len > buf.remaining()) {
        throw new TokenizerException(file + ": token " + i + " length = " + len + " at offset " + (buf.position() - 4)
            + " (max_token_length " + maxLen + ", " + buf.remaining() + " bytes left)");
      }
      pieces[i] = new byte[len];
      buf.get(pieces[i]);
    }
    if (buf.hasRemaining()) {
      throw new TokenizerException(file + ": " + buf.remaining() + " bytes left after token " + (vocabSize - 1)
          + ": the file holds more than the model's " + vocabSize + " tokens (the tokenizer of another model?)");
    }
    return new Llama2cTokenizer(file, pieces, scores, maxLen);
  }

  private static String key(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  private int lookup(byte[] b, int from, int len) {
    Integer id = ids.get(new String(b, from, len, StandardCharsets.ISO_8859_1));
    return id == null ? -1 : id;
  }

  @Override
  public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
    byte[] s = text.getBytes(StandardCharsets.UTF_8);
    IntList tokens = new IntList(s.length + 3);
    if (addSpecial) {
      tokens.add(BOS);
    }
    if (s.length > 0) {
      if (dummyPrefix < 0) {
        throw new TokenizerException(source + ": the llama2.c vocabulary has no \" \" piece for the dummy prefix");
      }
      tokens.add(dummyPrefix);
    }
    for (int i = 0; i < s.length; ) {
      int len = 1;
      while (i + len < s.length && (s[i + len] & 0xC0) == 0x80 && len < 4) {
        len++;
      }
      int id = lookup(s, i, len);
      if (id >= 0) {
        tokens.add(id);
      } else {
        for (int k = 0; k < len; k++) {
          int fallback = (s[i + k] & 0xFF) + 3;
          if (fallback >= pieces.length) {
            throw new TokenizerException(source + String.format(": byte 0x%02X has no fallback token (id %d) in a "
                + "vocabulary of %d", s[i + k] & 0xFF, fallback, pieces.length));
          }
          tokens.add(fallback);
        }
      }
      i += len;
    }
    int[] t = tokens.toArray();
    int n = t.length;
    int[] pair = new int[Math.max(0, n - 1)];
    for (int i = 0; i + 1 < n; i++) {
      pair[i] = merged(t[i], t[i + 1]);
    }
    while (true) {
      float best = -1e10f;
      int bestIdx = -1;
      for (int i = 0; i + 1 < n; i++) {
        if (pair[i] >= 0 && scores[pair[i]] > best) {
          best = scores[pair[i]];
          bestIdx = i;
        }
      }
      if (bestIdx < 0) {
        break;
      }
      t[bestIdx] = pair[bestIdx];
      System.arraycopy(t, bestIdx + 2, t, bestIdx + 1, n - bestIdx - 2);
      if (n - bestIdx - 3 > 0) {
        System.arraycopy(pair, bestIdx + 2, pair, bestIdx + 1, n - bestIdx - 3);
      }
      n--;
      if (bestIdx > 0) {
        pair[bestIdx - 1] = merged(t[bestIdx - 1], t[bestIdx]);
      }
      if (bestIdx + 1 < n) {
        pair[bestIdx] = merged(t[bestIdx], t[bestIdx + 1]);
      }
    }
    IntList out = new IntList(n + 1);
    for (int i = 0; i < n; i++) {
      out.add(t[i]);
    }
    return out.toArray();
  }

  private int merged(int a, int b) {
    byte[] x = pieces[a];
    byte[] y = pieces[b];
    byte[] c = new byte[x.length + y.length];
    System.arraycopy(x, 0, c, 0, x.length);
    System.arraycopy(y, 0, c, x.length, y.length);
    return lookup(c, 0, c.length);
  }

  /** The piece of {@code id} as llama2.c's {@code decode} gives it, after a {@code prev} token. */
  private byte[] piece(int prev, int id) {
    byte[] p = pieces[id];
    int from = prev == BOS && p.length > 0 && p[0] == ' ' ? 1 : 0;
    String s = new String(p, from, p.length - from, StandardCharsets.ISO_8859_1);
    if (s.length() == 6 && s.startsWith("<0x") && s.endsWith(">")) {
      try {
        return new byte[] {(byte) Integer.parseInt(s.substring(3, 5), 16)};
      } catch (NumberFormatException e) {
        // not a byte token: fall through
      }
    }
    return from == 0 ? p : Arrays.copyOfRange(p, from, p.length);
  }

  @Override
  public String decode(int[] tokens, boolean removeSpecial, boolean unparseSpecial) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int prev = -1;
    for (int id : tokens) {
      check(id);
      if (isControl(id) && !unparseSpecial) {
        prev = id;
        continue;
      }
      out.writeBytes(piece(prev, id));
      prev = id;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Override
  public byte[] tokenBytes(int id) {
    check(id);
    return piece(-1, id).clone();
  }

  private void check(int id) {
    if (id < 0 || id >= pieces.length) {
      throw new TokenizerException(source + ": token id " + id + " is outside the vocabulary of " + pieces.length
          + " tokens");
    }
  }

  @Override
  public int vocabSize() {
    return pieces.length;
  }

  @Override
  public int bos() {
    return BOS;
  }

  @Override
  public int eos() {
    return EOS;
  }

  @Override
  public int eot() {
    return -1;
  }

  @Override
  public boolean isControl(int id) {
    return id >= 0 && id <= 2;
  }

  @Override
  public boolean isEndOfGeneration(int id) {
    return id == EOS;
  }

  @Override
  public OptionalInt id(String piece) {
    Integer id = ids.get(key(piece.getBytes(StandardCharsets.UTF_8)));
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  @Override
  public boolean addsBos() {
    return true;
  }

  /** The {@code max_token_length} field of the file. */
  public int maxTokenLength() {
    return maxTokenLength;
  }

  /** The score of {@code id}. */
  public float score(int id) {
    check(id);
    return scores[id];
  }
}
