package dev.llamakit.pipelines.minhash;

/** The 64-bit hashing MinHash is built on: FNV-1a over code points, and MurmurHash3's 64-bit finaliser as mixer. */
final class Hash64 {
  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;
  static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private Hash64() {}

  /** MurmurHash3's fmix64: a bijection of 64-bit values in which every input bit affects every output bit. */
  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
