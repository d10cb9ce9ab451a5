package dev.llamakit.engine.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding of a byte range, the one decoder behind {@link TextLines} and the corpus readers (where a bad
 * byte makes that record a drop): malformed input is reported, never replaced by U+FFFD.
 */
public final class Utf8 {
  private Utf8() {}

  /** The decoded text, or null when the bytes are not valid UTF-8. */
  public static String decodeOrNull(byte[] bytes, int off, int len) {
    CharBuffer out = CharBuffer.allocate(len);
    return decode(bytes, off, len, out) < 0 ? out.flip().toString() : null;
  }

  /** The 1-based position of the first byte that is not valid UTF-8, or 0 when all are valid. */
  public static int firstMalformed(byte[] bytes, int off, int len) {
    int at = decode(bytes, off, len, CharBuffer.allocate(len));
    return at < 0 ? 0 : at + 1;
  }

  /** Decodes into {@code out}; -1 when valid, else the 0-based offset of the first malformed byte. */
  private static int decode(byte[] bytes, int off, int len, CharBuffer out) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
    CoderResult r = decoder.decode(in, out, true);
    if (!r.isError()) {
      r = decoder.flush(out);
    }
    return r.isError() ? in.position() - off : -1;
  }
}
