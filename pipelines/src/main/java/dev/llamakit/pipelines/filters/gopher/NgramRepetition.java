package dev.llamakit.pipelines.filters.gopher;

import dev.llamakit.pipelines.text.PyText;

/**
 * The n-gram shares of the Gopher repetition rules, two ways.
 *
 * <p>{@code paper} (default; the paper's wording, and RedPajama-v2's definition for duplicated n-grams): the share of word characters
 * (whitespace excluded) in words covered by an occurrence of the most frequent n-gram (when it occurs at least
 * twice), or by any occurrence of an n-gram that occurs at least twice; a word covered by several overlapping
 * occurrences counts once ("taking care not to count characters that occur in overlapping n-grams more than
 * once").
 *
 * <p>{@code datatrove}: top n-gram = {@code len(" ".join(ngram)) * count / len(text)} (count 1 included);
 * duplicated n-grams = datatrove's greedy scan (an n-gram seen before adds its characters without spaces and
 * skips n words), over {@code len(text)}. One difference remains: datatrove compares n-grams as words joined
 * without a separator ({@code "ab c"} equals {@code "a bc"}); here they are compared word by word.
 */
final class NgramRepetition implements java.io.Serializable {
  private final boolean datatrove;

  NgramRepetition(boolean datatrove) {
    this.datatrove = datatrove;
  }

  /** The keys of the n-grams of {@code w} for every n up to {@code maxN}, each from the (n-1)-gram keys. */
  static long[][] keys(Words w, int maxN) {
    long[][] k = new long[maxN + 1][];
    long[] prev = w.hashes;
    for (int n = 2; n <= maxN; n++) {
      int grams = Math.max(0, w.count - n + 1);
      long[] cur = new long[grams];
      for (int i = 0; i < grams; i++) {
        long key = NgramCounts.mix(prev[i] * 0x9E3779B97F4A7C15L + w.hashes[i + n - 1] + n);
        cur[i] = key == 0 ? 1 : key;
      }
      k[n] = cur;
      prev = cur;
    }
    return k;
  }

  /** The document's whitespace words: hash and length in code points of each. */
  record Words(long[] hashes, int[] lengths, int count, long chars) {
    static Words of(String s) {
      int cap = Math.max(16, s.length() / 5);
      long[] h = new long[cap];
      int[] len = new int[cap];
      int count = 0;
      long chars = 0;
      int n = s.length();
      int i = 0;
      while (i < n) {
        while (i < n && PyText.isSpace(s.charAt(i))) {
          i++;
        }
        int start = i;
        int cps = 0;
        while (i < n && !PyText.isSpace(s.charAt(i))) {
          if (!Character.isLowSurrogate(s.charAt(i))) {
            cps++;
          }
          i++;
        }
        if (cps == 0) {
          break;
        }
        if (count == h.length) {
          h = java.util.Arrays.copyOf(h, count * 2);
          len = java.util.Arrays.copyOf(len, count * 2);
        }
        h[count] = NgramCounts.hash(s, start, i);
        len[count++] = cps;
        chars += cps;
      }
      return new Words(h, len, count, chars);
    }
  }

  /** The share of characters in the most frequent n-gram. */
  double topShare(Words w, long[] keys, int n, long textLength) {
    int grams = w.count - n + 1;
    if (grams <= 0) {
      return 0;
    }
    NgramCounts counts = new NgramCounts(grams);
    int best = -1;
    int bestCount = 0;
    for (int i = 0; i < grams; i++) {
      counts.add(keys[i]);
    }
    for (int i = 0; i < grams; i++) { // first-seen wins ties, like Counter.most_common
      int c = counts.count(keys[i]);
      if (c > bestCount) {
        best = i;
        bestCount = c;
      }
    }
    if (datatrove) {
      long chars = n - 1; // the joining spaces
      for (int j = best; j < best + n; j++) {
        chars += w.lengths[j];
      }
      return GopherQualityFilter.ratio(chars * bestCount, textLength);
    }
    if (bestCount < 2) {
      return 0;
    }
    boolean[] covered = new boolean[w.count];
    for (int i = 0; i < grams; i++) {
      if (keys[i] == keys[best]) {
        java.util.Arrays.fill(covered, i, i + n, true);
      }
    }
    return GopherQualityFilter.ratio(coveredChars(w, covered), w.chars);
  }

  /** The share of characters in duplicated n-grams. */
  double duplicateShare(Words w, long[] keys, int n, long textLength) {
    int grams = w.count - n + 1;
    if (grams <= 0) {
      return 0;
    }
    NgramCounts counts = new NgramCounts(grams);
    if (datatrove) {
      long repeated = 0;
      int i = 0;
      while (i < grams) {
        if (counts.addIfAbsent(keys[i])) {
          i++;
        } else {
          for (int j = i; j < i + n; j++) {
            repeated += w.lengths[j];
          }
          i += n;
        }
      }
      return GopherQualityFilter.ratio(repeated, textLength);
    }
    for (int i = 0; i < grams; i++) {
      counts.add(keys[i]);
    }
    boolean[] covered = new boolean[w.count];
    int coveredUpTo = 0; // words before this index are already marked
    for (int i = 0; i < grams; i++) {
      if (counts.count(keys[i]) > 1) {
        for (int j = Math.max(i, coveredUpTo); j < i + n; j++) {
          covered[j] = true;
        }
        coveredUpTo = i + n;
      }
    }
    return GopherQualityFilter.ratio(coveredChars(w, covered), w.chars);
  }

  private static long coveredChars(Words w, boolean[] covered) {
    long c = 0;
    for (int i = 0; i < w.count; i++) {
      if (covered[i]) {
        c += w.lengths[i];
      }
    }
    return c;
  }
}
