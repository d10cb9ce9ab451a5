package dev.llamakit.pipelines.kenlm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a small KenLM probing binary (format version 5, the layout {@link KenLmBinaryLayout} documents) for tests:
 * a fuzz seed of a few hundred bytes instead of the shared 15 MB model. Words {@code <unk> <s> </s> a b}; every
 * bigram and trigram of the list below, with made-up probabilities (the fuzz contract is about reading, not scores).
 */
final class TinyBinary {
  private static final List<String> WORDS = List.of("<unk>", "<s>", "</s>", "a", "b");
  private static final int[][] BIGRAMS = {{1, 3}, {3, 4}, {4, 2}};
  private static final int[][] TRIGRAMS = {{1, 3, 4}};

  private TinyBinary() {}

  static byte[] bytes() {
    float multiplier = 1.5f;
    long[] counts = {WORDS.size(), BIGRAMS.length, TRIGRAMS.length};
    int order = counts.length;
    long header = align8(88 + 20 + 8L * order);
    long vocabBuckets = buckets(counts[0], multiplier);
    long unigrams = header + 8 + vocabBuckets * 12;
    long middle = unigrams + (counts[0] + 1) * 8;
    long middleBuckets = buckets(counts[1], multiplier);
    long longest = middle + middleBuckets * 16;
    long longestBuckets = buckets(counts[2], multiplier);
    long words = longest + longestBuckets * 12;
    byte[] text = (String.join("\0", WORDS) + "\0").getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate((int) words + text.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("mmap lm http://kheafield.com/code format version 5\n".getBytes(StandardCharsets.US_ASCII));
    b.position(56);
    b.putFloat(0f).putFloat(1f).putFloat(-0.5f).putInt(1).putInt(-1).putInt(0).putLong(1);
    b.put(88, (byte) order).putFloat(92, multiplier).putInt(96, 0).put(100, (byte) 1).putInt(104, 0);
    for (int n = 0; n < order; n++) {
      b.putLong(108 + 8 * n, counts[n]);
    }
    b.putInt((int) header, 0).putInt((int) header + 4, WORDS.size());
    for (int w = 0; w < WORDS.size(); w++) {
      byte[] u = WORDS.get(w).getBytes(StandardCharsets.UTF_8);
      long slot = place(b, header + 8, vocabBuckets, 12, NgramHash.word(u, 0, u.length));
      b.putInt((int) slot + 8, w);
      b.putFloat((int) (unigrams + 8L * w), -1f - w / 10f).putFloat((int) (unigrams + 8L * w + 4), -0.25f);
    }
    for (int[] g : BIGRAMS) {
      long slot = place(b, middle, middleBuckets, 16, key(g));
      b.putFloat((int) slot + 8, -0.5f).putFloat((int) slot + 12, -0.1f);
    }
    for (int[] g : TRIGRAMS) {
      long slot = place(b, longest, longestBuckets, 12, key(g));
      b.putFloat((int) slot + 8, -0.2f);
    }
    b.put((int) words, text);
    return b.array();
  }

  /** The n-gram's key as {@link ProbingModel} looks it up: the last word, then the history backwards. */
  private static long key(int[] gram) {
    long k = NgramHash.start(gram[gram.length - 1]);
    for (int i = gram.length - 2; i >= 0; i--) {
      k = NgramHash.extend(k, gram[i]);
    }
    return k;
  }

  /** Puts {@code key} in its bucket (linear probing) and returns the entry's offset. */
  private static long place(ByteBuffer b, long table, long buckets, int entry, long key) {
    long i = Long.remainderUnsigned(key, buckets);
    while (b.getLong((int) (table + i * entry)) != 0) {
      i = (i + 1) % buckets;
    }
    long at = table + i * entry;
    b.putLong((int) at, key);
    return at;
  }

  private static long buckets(long n, float multiplier) {
    return Math.max(n + 1, (long) (multiplier * (float) n));
  }

  private static long align8(long a) {
    return ((a - 1) / 8 + 1) * 8;
  }
}
