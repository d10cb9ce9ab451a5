package dev.llamakit.safety.fasttext;

import java.nio.charset.StandardCharsets;

/**
 * Deterministic train/validation assignment by hash (FNV-1a 64 of a key, usually the normalized text or a
 * template/group id so that near-copies land on the same side). Independent of order, seed and machine.
 */
public final class Split {
  private Split() {}

  /** True when {@code key} belongs to the validation split ({@code percent} of keys, 0-100). */
  public static boolean isValidation(String key, int percent) {
    return Long.remainderUnsigned(fnv1a(key), 100) < percent;
  }

  /** FNV-1a 64-bit over the UTF-8 bytes. */
  public static long fnv1a(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }
}
