package dev.llamakit.pipelines.decontam;

/**
 * 64-bit fingerprints of word n-grams, the terms of the Lucene index: each word is hashed once (FNV-1a over its UTF-16
 * units, then MurmurHash3's 64-bit finaliser), an n-gram's fingerprint folds its words' hashes in order. Two n-grams
 * collide with probability about 2^-64 per pair: at a million benchmark n-grams against a trillion corpus n-grams,
 * about 5e-8 false matches are expected. datatrove's decontamination index keys n-grams by xxhash64 in the same way.
 *
 * <pre>{@code
 * long[] h = GramHash.words(words);
 * long g = GramHash.gram(h, 0, 13);   // the first 13-gram
 * }</pre>
 */
public final class GramHash {
  private GramHash() {}

  /** The hash of every word of {@code w}. */
  public static long[] words(Words w) {
    long[] h = new long[w.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = word(w.tokens()[i]);
    }
    return h;
  }

  /** One word's hash. */
  public static long word(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The fingerprint of the n-gram of words {@code i .. i+n-1}. */
  public static long gram(long[] wordHashes, int i, int n) {
    long h = n;
    for (int k = 0; k < n; k++) {
      h = (h ^ wordHashes[i + k]) * 0x9E3779B97F4A7C15L + k;
      h = Long.rotateLeft(h, 29);
    }
    return mix(h);
  }

  /** MurmurHash3's fmix64. */
  private static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
