package dev.llamakit.pipelines.docdedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key of exact document dedup: the first 128 bits of SHA-256 over the UTF-8 bytes of the normalised text, as 32
 * lower-case hex digits. 128 bits make an accidental collision negligible at any corpus size (about 10^-18 for ten
 * billion documents), and SHA-256 runs on the CPU's SHA instructions where it has them.
 */
public final class ContentKey {
  private static final HexFormat HEX = HexFormat.of();
  private final MessageDigest sha;

  /** One digest, reused: not thread-safe, make one per thread. */
  public ContentKey() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The key of a normalised text. */
  public String of(String normalized) {
    byte[] d = sha.digest(normalized.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(d, 0, 16);
  }
}
