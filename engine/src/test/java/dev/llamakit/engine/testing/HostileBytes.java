package dev.llamakit.engine.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Hand-made damage for regression tests of hostile files: exact bytes placed where a test wants them. */
public final class HostileBytes {
  private HostileBytes() {}

  /** The UTF-8 bytes of {@code text} with {@code bad} in place of the first {@code marker}. */
  public static byte[] withBytes(String text, String marker, byte... bad) {
    byte[] t = text.getBytes(StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    if (at < 0) {
      throw new IllegalArgumentException("marker " + marker + " is not in the text");
    }
    int byteAt = text.substring(0, at).getBytes(StandardCharsets.UTF_8).length;
    int markerBytes = marker.getBytes(StandardCharsets.UTF_8).length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(t, 0, byteAt);
    out.writeBytes(bad);
    out.write(t, byteAt + markerBytes, t.length - byteAt - markerBytes);
    return out.toByteArray();
  }
}
