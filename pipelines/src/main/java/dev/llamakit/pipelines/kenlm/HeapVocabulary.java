package dev.llamakit.pipelines.kenlm;

import java.nio.charset.StandardCharsets;

/**
 * The vocabulary of an ARPA-loaded model: an open-addressing table of MurmurHash64A word hashes (as KenLM's probing
 * vocabulary keys words) to indices, plus the words themselves. {@code <unk>} is index 0 and not in the table.
 */
final class HeapVocabulary implements Vocabulary {
  private final long[] keys;
  private final int[] ids;
  private final int mask;
  private final String[] words;
  private int bound = 1;

  HeapVocabulary(int capacityWords) {
    int size = Integer.highestOneBit(Math.max(4, capacityWords * 2 - 1)) << 1;
    keys = new long[size];
    ids = new int[size];
    mask = size - 1;
    words = new String[capacityWords + 1];
    words[0] = "<unk>";
  }

  /** True for the spellings KenLM maps to index 0. */
  static boolean isUnknown(byte[] b, int off, int len) {
    return len == 5 && b[off] == '<' && b[off + 4] == '>'
        && ((b[off + 1] == 'u' && b[off + 2] == 'n' && b[off + 3] == 'k')
            || (b[off + 1] == 'U' && b[off + 2] == 'N' && b[off + 3] == 'K'));
  }

  /** Adds a word; returns its index, or -1 when it is already present. */
  int add(byte[] b, int off, int len) {
    long h = NgramHash.word(b, off, len);
    int i = (int) h & mask;
    while (keys[i] != 0) {
      if (keys[i] == h) {
        return -1;
      }
      i = (i + 1) & mask;
    }
    keys[i] = h;
    int id = bound++;
    ids[i] = id;
    words[id] = new String(b, off, len, StandardCharsets.UTF_8);
    return id;
  }

  @Override
  public int bound() {
    return bound;
  }

  @Override
  public int index(byte[] b, int off, int len) {
    long h = NgramHash.word(b, off, len);
    int i = (int) h & mask;
    while (true) {
      long k = keys[i];
      if (k == h) {
        return ids[i];
      }
      if (k == 0) {
        return 0;
      }
      i = (i + 1) & mask;
    }
  }

  @Override
  public String word(int index) {
    return words[index];
  }
}
