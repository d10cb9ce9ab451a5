package dev.llamakit.pipelines.kenlm;

/**
 * The two hash functions of KenLM's probing format, restated from their definitions: MurmurHash64A (seed 0, 8-byte
 * blocks read little-endian) of a word's UTF-8 bytes keys the vocabulary, and a multiply-xor chain over word ids keys
 * the n-gram tables. An n-gram {@code w1 .. wn} is keyed starting from its last word and walking back through its
 * history: {@code extend(extend(wn, w(n-1)), ...)}, so the key of a longer n-gram extends the key of its suffix.
 */
final class NgramHash {
  private static final long M = 0xc6a4a7935bd1e995L;
  private static final int R = 47;
  private static final long CURRENT_MULTIPLIER = 8978948897894561157L;
  private static final long NEXT_MULTIPLIER = Long.parseUnsignedLong("17894857484156487943");

  private NgramHash() {}

  /** MurmurHash64A of {@code len} bytes at {@code off}, seed 0. */
  static long word(byte[] bytes, int off, int len) {
    long h = (len & 0xffffffffL) * M;
    int blocks = len >>> 3;
    int p = off;
    for (int b = 0; b < blocks; b++, p += 8) {
      long k = littleEndianLong(bytes, p);
      k *= M;
      k ^= k >>> R;
      k *= M;
      h ^= k;
      h *= M;
    }
    int tail = len & 7;
    if (tail != 0) {
      for (int i = tail - 1; i >= 0; i--) {
        h ^= (bytes[p + i] & 0xffL) << (8 * i);
      }
      h *= M;
    }
    h ^= h >>> R;
    h *= M;
    h ^= h >>> R;
    return h;
  }

  /** The key of the n-gram whose key is {@code current}, extended by one more word of history. */
  static long extend(long current, int word) {
    return (current * CURRENT_MULTIPLIER) ^ ((1L + (word & 0xffffffffL)) * NEXT_MULTIPLIER);
  }

  /** The key a unigram starts the chain with: its word id, unsigned. */
  static long start(int word) {
    return word & 0xffffffffL;
  }

  private static long littleEndianLong(byte[] b, int p) {
    return (b[p] & 0xffL)
        | (b[p + 1] & 0xffL) << 8
        | (b[p + 2] & 0xffL) << 16
        | (b[p + 3] & 0xffL) << 24
        | (b[p + 4] & 0xffL) << 32
        | (b[p + 5] & 0xffL) << 40
        | (b[p + 6] & 0xffL) << 48
        | (b[p + 7] & 0xffL) << 56;
  }
}
