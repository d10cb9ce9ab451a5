package dev.llamakit.pipelines.text;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * cc_net's line hash: the first 8 bytes of SHA-1 of the UTF-8 of the {@linkplain CcNetNormalizer normalised} line,
 * read as a little-endian (native x86) unsigned 64-bit integer, held in a Java {@code long}.
 *
 * <p>Not thread-safe (it reuses one digest): use one instance per thread.
 */
public final class LineHasher {
  private final MessageDigest sha1;
  private final byte[] digest = new byte[20];
  private byte[] buf = new byte[256];

  public LineHasher() {
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-1", e);
    }
  }

  /** Hash of a raw line: normalises, then hashes (ASCII lines straight into bytes, without an intermediate string). */
  public long hashLine(String line) {
    String stripped = PyText.strip(line);
    if (buf.length < stripped.length()) {
      buf = new byte[Math.max(stripped.length(), buf.length * 2)];
    }
    int n = CcNetNormalizer.normalizeAsciiInto(stripped, buf);
    if (n < 0) {
      return hashNormalized(CcNetNormalizer.normalizeForDedup(line));
    }
    sha1.update(buf, 0, n);
    return finish();
  }

  /** Hash of an already normalised line. */
  public long hashNormalized(String normalized) {
    sha1.update(normalized.getBytes(StandardCharsets.UTF_8));
    return finish();
  }

  /** The first 8 bytes of the digest, little-endian. */
  private long finish() {
    try {
      sha1.digest(digest, 0, digest.length);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException(e);
    }
    long h = 0;
    for (int i = 7; i >= 0; i--) {
      h = (h << 8) | (digest[i] & 0xFF);
    }
    return h;
  }

  /** Hashes of every line of {@code content} split on {@code "\n"} (as Python's {@code split("\n")}). */
  public long[] hashLines(String[] lines) {
    long[] out = new long[lines.length];
    for (int i = 0; i < lines.length; i++) {
      out[i] = hashLine(lines[i]);
    }
    return out;
  }

  /** Python's {@code s.split("\n")}: keeps empty leading, inner and trailing parts. */
  public static String[] splitLines(String s) {
    int n = 1;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        n++;
      }
    }
    String[] out = new String[n];
    int k = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out[k++] = s.substring(start, i);
        start = i + 1;
      }
    }
    out[k] = s.substring(start);
    return out;
  }
}
