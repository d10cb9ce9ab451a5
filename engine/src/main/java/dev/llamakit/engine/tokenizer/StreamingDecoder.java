package dev.llamakit.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns a stream of token ids into text as it is generated, holding back the bytes of a UTF-8 character that is split
 * across tokens (byte-fallback and byte-level BPE pieces) until it is complete.
 *
 * <p>Pieces are rendered as llama.cpp's {@code token_to_piece(id, lstrip = 0)}: no leading space is stripped. Control
 * tokens (BOS, EOS, {@code <|eot_id|>}) render as nothing unless {@code renderControl} is set. Not thread-safe: one
 * decoder per generation.
 *
 * <pre>{@code
 * StreamingDecoder d = new StreamingDecoder(tokenizer, false);
 * for (int id : generated) System.out.print(d.accept(id));
 * System.out.print(d.flush());
 * }</pre>
 */
public final class StreamingDecoder {
  private final Tokenizer tokenizer;
  private final boolean renderControl;
  private byte[] pending = new byte[16];
  private int n;

  public StreamingDecoder(Tokenizer tokenizer, boolean renderControl) {
    this.tokenizer = tokenizer;
    this.renderControl = renderControl;
  }

  /** A decoder that renders control tokens as nothing. */
  public StreamingDecoder(Tokenizer tokenizer) {
    this(tokenizer, false);
  }

  /** Adds one token; returns the text that is now complete (possibly empty). */
  public String accept(int id) {
    if (!renderControl && tokenizer.isControl(id)) {
      return "";
    }
    byte[] b = tokenizer.tokenBytes(id);
    if (n + b.length > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, n + b.length));
    }
    System.arraycopy(b, 0, pending, n, b.length);
    n += b.length;
    int complete = completePrefix(pending, n);
    String s = new String(pending, 0, complete, StandardCharsets.UTF_8);
    System.arraycopy(pending, complete, pending, 0, n - complete);
    n -= complete;
    return s;
  }

  /** Returns what is held back (an incomplete character becomes U+FFFD) and resets the decoder. */
  public String flush() {
    String s = new String(pending, 0, n, StandardCharsets.UTF_8);
    n = 0;
    return s;
  }

  /** Bytes held back because they start a UTF-8 character that is not complete yet. */
  public int pendingBytes() {
    return n;
  }

  /** The length of the longest prefix of {@code b[0, len)} that does not end inside an incomplete UTF-8 sequence. */
  static int completePrefix(byte[] b, int len) {
    for (int k = 1; k <= Math.min(4, len); k++) {
      int c = b[len - k] & 0xFF;
      if ((c & 0xC0) != 0x80) {
        int need = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 1;
        return need > k ? len - k : len;
      }
    }
    return len;
  }
}
