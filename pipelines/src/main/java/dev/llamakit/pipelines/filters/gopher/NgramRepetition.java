package dev.llamakit.pipelines.filters.gopher;

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
 *
 * <p>How: words get dense ids (equal words, compared exactly, share one). An n-gram can occur twice only if both
 * its first and its last (n-1)-gram do, so each n only looks at the positions where two consecutive repeated
 * (n-1)-grams start, and names each such n-gram by the pair (class of its first (n-1)-gram, id of its last word) —
 * an exact key, no hash of the n-gram. Most n-grams of a real text occur once, so for n of 3 and more there is
 * usually little left to look at. Every n-gram not in the list of repeated ones occurs exactly once, which is all
 * the shares need to know about it.
 */
final class NgramRepetition implements java.io.Serializable {
  private final boolean datatrove;

  NgramRepetition(boolean datatrove) {
    this.datatrove = datatrove;
  }

  /**
   * The shares for the words of {@code s} ({@link RepetitionScratch#words} done): {@code top[i]} of the most
   * frequent (i + 2)-gram, {@code dup[i]} of the duplicated (i + 5)-grams.
   */
  void measure(RepetitionScratch s, double[] top, double[] dup, long textLength) {
    int count = s.wordCount;
    s.ensureNgrams();
    int[] pos = s.repPos;
    int[] cls = s.repCls;
    int[] nextPos = s.nextPos;
    int[] nextCls = s.nextCls;
    int m = 0; // the repeated 1-grams: words that occur more than once
    for (int i = 0; i < count; i++) {
      int id = s.wordId[i];
      if (s.idCount[id] > 1) {
        pos[m] = i;
        cls[m++] = id;
      }
    }
    int maxN = Math.max(top.length + 1, dup.length + 4);
    for (int n = 2; n <= maxN; n++) {
      m = nextLevel(s, pos, cls, m, n, nextPos, nextCls);
      int[] t = pos;
      pos = nextPos;
      nextPos = t;
      t = cls;
      cls = nextCls;
      nextCls = t;
      int grams = count - n + 1;
      if (n - 2 < top.length) {
        top[n - 2] = grams <= 0 ? 0 : topShare(s, pos, cls, m, n, textLength);
      }
      if (n >= 5 && n - 5 < dup.length) {
        dup[n - 5] = grams <= 0 ? 0 : duplicateShare(s, pos, cls, m, n, textLength);
      }
    }
  }

  /**
   * From the {@code m} repeated (n-1)-grams ({@code pos} ascending, {@code cls} their classes), the repeated
   * n-grams into {@code outPos}/{@code outCls}, their classes' counts into {@code s.clsCount}; returns their number.
   */
  private static int nextLevel(RepetitionScratch s, int[] pos, int[] cls, int m, int n, int[] outPos,
      int[] outCls) {
    int mask = s.clearPairs(m);
    int shift = 64 - Integer.bitCount(mask);
    long[] keys = s.pairKeys;
    int[] ids = s.pairIds;
    int[] counts = s.clsCount;
    int[] wordId = s.wordId;
    int classes = 0;
    int cands = 0;
    for (int k = 0; k + 1 < m; k++) {
      int p = pos[k];
      if (pos[k + 1] != p + 1) {
        continue; // the n-gram's last (n-1)-gram occurs once
      }
      long key = ((long) cls[k] << 32) | wordId[p + n - 1];
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> shift);
      while (true) {
        int o = ids[slot];
        if (o < 0) {
          ids[slot] = classes;
          keys[slot] = key;
          counts[classes] = 1;
          outCls[cands] = classes++;
          break;
        }
        if (keys[slot] == key) {
          counts[o]++;
          outCls[cands] = o;
          break;
        }
        slot = (slot + 1) & mask;
      }
      outPos[cands++] = p;
    }
    int r = 0;
    for (int k = 0; k < cands; k++) {
      int c = outCls[k];
      if (counts[c] > 1) {
        outPos[r] = outPos[k];
        outCls[r++] = c;
      }
    }
    return r;
  }

  /** The share of characters in the most frequent n-gram; {@code m} repeated n-grams at {@code pos}. */
  private double topShare(RepetitionScratch s, int[] pos, int[] cls, int m, int n, long textLength) {
    int[] counts = s.clsCount;
    int best = 0; // first-seen wins ties, like Counter.most_common: with no repeats, the first n-gram, once
    int bestCount = 1;
    int bestCls = -1;
    for (int k = 0; k < m; k++) {
      int c = counts[cls[k]];
      if (c > bestCount) {
        best = pos[k];
        bestCount = c;
        bestCls = cls[k];
      }
    }
    long[] cum = s.cum;
    if (datatrove) {
      long chars = n - 1 + cum[best + n] - cum[best]; // the joining spaces and the words
      return GopherQualityFilter.ratio(chars * bestCount, textLength);
    }
    if (bestCount < 2) {
      return 0;
    }
    return GopherQualityFilter.ratio(covered(cum, pos, cls, m, n, bestCls), cum[s.wordCount]);
  }

  /** The share of characters in duplicated n-grams; {@code m} repeated n-grams at {@code pos}. */
  private double duplicateShare(RepetitionScratch s, int[] pos, int[] cls, int m, int n, long textLength) {
    long[] cum = s.cum;
    if (!datatrove) {
      return GopherQualityFilter.ratio(covered(cum, pos, cls, m, n, -1), cum[s.wordCount]);
    }
    // The greedy scan: an n-gram seen before adds its words and skips them; a skipped n-gram is not seen. An
    // n-gram that occurs once is never seen before, so only the repeated ones matter.
    boolean[] seen = s.seen;
    long repeated = 0;
    int next = 0;
    for (int k = 0; k < m; k++) {
      int p = pos[k];
      if (p < next) {
        continue;
      }
      if (seen[cls[k]]) {
        repeated += cum[p + n] - cum[p];
        next = p + n;
      } else {
        seen[cls[k]] = true;
      }
    }
    for (int k = 0; k < m; k++) {
      seen[cls[k]] = false;
    }
    return GopherQualityFilter.ratio(repeated, textLength);
  }

  /** Code points of the words covered by the n-grams at {@code pos} (of class {@code only}, or all if -1). */
  private static long covered(long[] cum, int[] pos, int[] cls, int m, int n, int only) {
    long c = 0;
    int upTo = 0; // words before this index are counted
    for (int k = 0; k < m; k++) {
      if (only >= 0 && cls[k] != only) {
        continue;
      }
      int p = pos[k];
      int end = p + n;
      int from = Math.max(p, upTo);
      if (from < end) {
        c += cum[end] - cum[from];
      }
      upTo = end;
    }
    return c;
  }
}
