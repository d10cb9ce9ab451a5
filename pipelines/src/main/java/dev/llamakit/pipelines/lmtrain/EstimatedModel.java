package dev.llamakit.pipelines.lmtrain;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimated backoff n-gram model held in memory, in the layout lmplz writes: word ids in order of first appearance
 * after {@code <unk>}=0, {@code <s>}=1, {@code </s>}=2; unigrams in id order; each higher order sorted in suffix order
 * (by last word id, then the one before, ...). Every n-gram has a log10 probability and, below the highest order, a
 * log10 backoff (0 when it is no context). Word ids of order {@code k} are stored column-wise, one {@code int[]} per
 * position, so no per-n-gram objects exist.
 */
public final class EstimatedModel {
  /** Id of {@code <unk>}. */
  public static final int UNK = 0;
  /** Id of {@code <s>}. */
  public static final int BOS = 1;
  /** Id of {@code </s>}. */
  public static final int EOS = 2;

  private final String[] vocabulary;
  private final int[][][] words; // [order-1][position][index]
  private final long[][] adjustedCounts;
  private final float[][] logProbs;
  private final float[][] logBackoffs; // length order-1
  private final Discount[] discounts;
  private final long tokenCount;
  private volatile Map<String, Integer> ids;

  EstimatedModel(String[] vocabulary, int[][][] words, long[][] adjustedCounts, float[][] logProbs,
      float[][] logBackoffs, Discount[] discounts, long tokenCount) {
    this.vocabulary = vocabulary;
    this.words = words;
    this.adjustedCounts = adjustedCounts;
    this.logProbs = logProbs;
    this.logBackoffs = logBackoffs;
    this.discounts = discounts;
    this.tokenCount = tokenCount;
  }

  /** The order N (longest n-gram). */
  public int order() {
    return words.length;
  }

  /** Number of words including {@code <unk>}, {@code <s>} and {@code </s>} (equals {@code size(1)}). */
  public int vocabularySize() {
    return vocabulary.length;
  }

  /** The word of an id. */
  public String word(int id) {
    return vocabulary[id];
  }

  /** The id of a word, or {@link #UNK} when it is not in the vocabulary. */
  public int id(String word) {
    Map<String, Integer> m = ids;
    if (m == null) {
      m = new HashMap<>(vocabulary.length * 2);
      for (int i = 0; i < vocabulary.length; i++) {
        m.put(vocabulary[i], i);
      }
      ids = m;
    }
    return m.getOrDefault(word, UNK);
  }

  /** Number of training tokens (words, not counting {@code </s>}), as lmplz reports it. */
  public long tokenCount() {
    return tokenCount;
  }

  /** Number of n-grams of order {@code k} (1..N). */
  public int size(int k) {
    return words[k - 1].length == 0 ? 0 : words[k - 1][0].length;
  }

  /** The word id at {@code position} (0 = first word) of the {@code index}-th n-gram of order {@code k}. */
  public int wordId(int k, int index, int position) {
    return words[k - 1][position][index];
  }

  /** The words of the {@code index}-th n-gram of order {@code k}, separated by one space. */
  public String text(int k, int index) {
    StringBuilder sb = new StringBuilder();
    for (int p = 0; p < k; p++) {
      if (p > 0) {
        sb.append(' ');
      }
      sb.append(vocabulary[words[k - 1][p][index]]);
    }
    return sb.toString();
  }

  /** log10 probability of the {@code index}-th n-gram of order {@code k}, as written to the ARPA file. */
  public float logProb(int k, int index) {
    return logProbs[k - 1][index];
  }

  /** log10 backoff of the {@code index}-th n-gram of order {@code k} (0 for the highest order and for non-contexts). */
  public float logBackoff(int k, int index) {
    return k == order() ? 0f : logBackoffs[k - 1][index];
  }

  /**
   * The Kneser-Ney adjusted count: the raw count for the highest order and for n-grams starting with {@code <s>},
   * otherwise the number of distinct words seen to the left (continuation count); 0 for {@code <unk>} and {@code <s>}.
   */
  public long adjustedCount(int k, int index) {
    return adjustedCounts[k - 1][index];
  }

  /** The discounts used for order {@code k}. */
  public Discount discount(int k) {
    return discounts[k - 1];
  }

  /** The index of an n-gram given as word ids, or -1 when the model does not contain it. */
  public int find(int[] ngram) {
    int k = ngram.length;
    if (k < 1 || k > order()) {
      return -1;
    }
    int[][] cols = words[k - 1];
    int lo = 0;
    int hi = size(k) - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = compareSuffix(cols, mid, ngram);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  /** The index of an n-gram given as space-separated words, or -1 (also when a word is unknown). */
  public int find(String ngram) {
    List<String> ws = Arrays.asList(ngram.trim().split(" +"));
    int[] idsOf = new int[ws.size()];
    for (int i = 0; i < idsOf.length; i++) {
      idsOf[i] = id(ws.get(i));
      if (idsOf[i] == UNK && !ws.get(i).equals("<unk>")) {
        return -1;
      }
    }
    return find(idsOf);
  }

  private static int compareSuffix(int[][] cols, int row, int[] key) {
    for (int p = key.length - 1; p >= 0; p--) {
      int a = cols[p][row];
      if (a != key[p]) {
        return a < key[p] ? -1 : 1;
      }
    }
    return 0;
  }
}
