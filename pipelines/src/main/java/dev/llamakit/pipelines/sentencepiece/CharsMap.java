package dev.llamakit.pipelines.sentencepiece;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * SentencePiece's precompiled character map ({@code NormalizerSpec.precompiled_charsmap}): the rules of a normaliser
 * such as {@code nmt_nfkc} compiled into a Darts-clone double-array trie over UTF-8 byte strings plus a blob of
 * NUL-terminated replacement strings.
 *
 * <p>Blob layout: a little-endian uint32 trie size in bytes, the trie (little-endian uint32 units), the replacements.
 * A unit holds a label byte (bits 0–7, bit 31 set on leaves), a has-leaf flag (bit 8) and an offset to its children
 * (bits 10–31, scaled by 256 when bit 9 is set); a leaf unit's low 31 bits are the replacement's offset in the blob.
 * Read-only after construction and thread-safe.
 */
final class CharsMap {
  private final int[] units;
  private final byte[] replacements;
  /** For each first byte: whether any rule starts with it (a quick reject for the common case). */
  private final boolean[] firstByte = new boolean[256];
  /**
   * For each ASCII byte {@code a}: bit {@code c} of {@code asciiPairs[4a .. 4a+3]} is set when some rule starts with
   * the two bytes {@code a c}.
   */
  private final long[] asciiPairs = new long[128 * 4];
  /** For each ASCII byte: whether the one-byte string is itself a rule. */
  private final boolean[] asciiAlone = new boolean[128];

  private CharsMap(int[] units, byte[] replacements) {
    this.units = units;
    this.replacements = replacements;
    int root = offset(units[0]);
    for (int b = 0; b < 256; b++) {
      int pos = root ^ b;
      firstByte[b] = pos < units.length && label(units[pos]) == b;
    }
    byte[] two = new byte[2];
    for (int a = 0; a < 128; a++) {
      if (!firstByte[a]) {
        continue;
      }
      two[0] = (byte) a;
      asciiAlone[a] = longestMatch(two, 0, 1) >= 0;
      for (int c = 0; c < 256; c++) {
        two[1] = (byte) c;
        if (walks(two)) {
          asciiPairs[4 * a + (c >>> 6)] |= 1L << (c & 63);
        }
      }
    }
  }

  /** Whether the trie has a path for all of {@code s} (a prefix of some rule, or a rule). */
  private boolean walks(byte[] s) {
    int pos = offset(units[0]);
    for (byte value : s) {
      int b = value & 0xFF;
      pos ^= b;
      if (pos >= units.length) {
        return false;
      }
      int unit = units[pos];
      if (label(unit) != b) {
        return false;
      }
      pos ^= offset(unit);
    }
    return true;
  }

  /**
   * True when no rule applies at {@code s[from]}, an ASCII byte, followed by {@code s[from+1]} (or by nothing when
   * {@code from + 1 == to}): the byte is not a rule by itself and no rule starts with these two bytes, so
   * {@link #longestMatch} would find nothing. A quick check for the common case of ASCII letters, which start rules
   * only as a letter followed by a combining mark.
   */
  boolean asciiUnmapped(byte[] s, int from, int to) {
    int a = s[from];
    if (a < 0 || !firstByte[a]) {
      return a >= 0;
    }
    if (asciiAlone[a]) {
      return false;
    }
    if (from + 1 >= to) {
      return true;
    }
    int c = s[from + 1] & 0xFF;
    return (asciiPairs[4 * a + (c >>> 6)] & (1L << (c & 63))) == 0;
  }

  /**
   * Decodes the blob.
   *
   * @throws IllegalArgumentException when the sizes in the blob are inconsistent
   */
  static CharsMap decode(byte[] blob) {
    if (blob.length <= 4) {
      throw new IllegalArgumentException("normalizer_spec.precompiled_charsmap is broken: " + blob.length + " bytes");
    }
    ByteBuffer buf = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
    long trieSize = buf.getInt() & 0xFFFFFFFFL;
    if (trieSize >= blob.length || trieSize < 4) {
      throw new IllegalArgumentException("normalizer_spec.precompiled_charsmap: trie size " + trieSize
          + " does not fit the blob of " + blob.length + " bytes");
    }
    int[] units = new int[(int) (trieSize / 4)];
    buf.asIntBuffer().get(units);
    byte[] replacements = new byte[blob.length - 4 - (int) trieSize];
    System.arraycopy(blob, 4 + (int) trieSize, replacements, 0, replacements.length);
    return new CharsMap(units, replacements);
  }

  /**
   * The longest rule matching a prefix of {@code s[from, to)}: {@code (length << 32) | replacementOffset}, or -1
   * when no rule matches.
   */
  long longestMatch(byte[] s, int from, int to) {
    if (!firstByte[s[from] & 0xFF]) {
      return -1;
    }
    long best = -1;
    int pos = offset(units[0]);
    for (int i = from; i < to; i++) {
      int b = s[i] & 0xFF;
      pos ^= b;
      if (pos >= units.length) {
        break;
      }
      int unit = units[pos];
      if (label(unit) != b) {
        break;
      }
      pos ^= offset(unit);
      if (hasLeaf(unit)) {
        if (pos >= units.length) {
          throw new IllegalStateException("precompiled_charsmap: leaf outside the trie");
        }
        best = ((long) (i + 1 - from) << 32) | (units[pos] & 0x7FFFFFFF);
      }
    }
    return best;
  }

  /** False when no rule starts with byte {@code b}. */
  boolean mayMatch(byte b) {
    return firstByte[b & 0xFF];
  }

  /** The replacement bytes start at {@code offset}; this returns where they end (the NUL or the blob end). */
  int replacementEnd(int offset) {
    if (offset > replacements.length) {
      throw new IllegalStateException("precompiled_charsmap: replacement offset " + offset + " outside the blob");
    }
    int end = offset;
    while (end < replacements.length && replacements[end] != 0) {
      end++;
    }
    return end;
  }

  /** The replacement blob ({@link #longestMatch} offsets point into it); callers must not modify it. */
  byte[] replacements() {
    return replacements;
  }

  private static boolean hasLeaf(int unit) {
    return ((unit >>> 8) & 1) == 1;
  }

  private static int label(int unit) {
    return unit & (0x80000000 | 0xFF);
  }

  private static int offset(int unit) {
    return (unit >>> 10) << ((unit & (1 << 9)) >>> 6);
  }
}
