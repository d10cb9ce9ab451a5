package dev.llamakit.pipelines.lmtrain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Estimates an interpolated modified Kneser-Ney backoff model the way KenLM's {@code lmplz} does (no pruning), from
 * lines whose words are separated by spaces, tabs or carriage returns (lmplz's delimiters). Every line is one
 * sentence, an empty line included, padded with {@code <s>} on the left and ended by {@code </s>}; the words
 * {@code <s>}, {@code </s>} and {@code <unk>} in the text are rejected, or skipped ({@link #withSkipSymbols}).
 *
 * <p>What lmplz computes, and so this class, for order N:
 *
 * <ol>
 *   <li>Adjusted counts: N-grams keep their raw count, and so do lower-order n-grams that start with {@code <s>};
 *       any other lower-order n-gram counts the distinct words seen before it (continuation count). N-grams with
 *       {@code <s>} after their first word are padding and dropped. {@code <unk>} and {@code <s>} are unigrams of
 *       count 0.
 *   <li>Discounts per order from the count-of-counts n1..n4 of adjusted counts ({@link Discount#estimate}); if they
 *       are out of range the configured fallback replaces all three, else {@link BadDiscountException}.
 *   <li>For each context: denominator = sum of adjusted counts of its extensions, gamma = (D1 n1 + D2 n2 + D3+ n3+) /
 *       denominator over the extensions' counts. Uninterpolated probability = (count - D(count)) / denominator.
 *   <li>Interpolation from the unigrams up: p(w | ctx) = uninterpolated + gamma(ctx) p(w | shorter ctx), unigrams
 *       interpolated with the uniform 1 / (vocabulary size without {@code <s>}); {@code <unk>} gets only the
 *       interpolated mass, {@code <s>} probability 1 (log10 0). The backoff of an n-gram is the gamma of it as a
 *       context, 1 (log10 0) when it is none.
 * </ol>
 *
 * <p>All of it is done in float in lmplz's operation order, so the printed ARPA values mostly come out identical.
 * Counting sorts the corpus positions by word id with a least-significant-digit radix sort over the N words of
 * every position's N-gram (suffix order); memory is about 12 bytes per token plus the n-gram tables.
 *
 * <p>Instances are immutable; the {@code with...} methods return modified copies.
 */
public final class KneserNeyEstimator {
  private final int order;
  private final Discount fallback;
  private final boolean interpolateUnigrams;
  private final long vocabPad;
  private final boolean skipSymbols;
  private final boolean cLog10;

  /** An estimator of the given order (1..N) without discount fallback, interpolating unigrams, as lmplz defaults. */
  public KneserNeyEstimator(int order) {
    this(order, null, true, 0, false, false);
  }

  private KneserNeyEstimator(int order, Discount fallback, boolean interpolateUnigrams, long vocabPad,
      boolean skipSymbols, boolean cLog10) {
    if (order < 1) {
      throw new IllegalArgumentException("order must be at least 1: " + order);
    }
    this.order = order;
    this.fallback = fallback;
    this.interpolateUnigrams = interpolateUnigrams;
    this.vocabPad = vocabPad;
    this.skipSymbols = skipSymbols;
    this.cLog10 = cLog10;
  }

  /**
   * Discounts to use for an order whose closed-form discounts fail ({@code --discount_fallback d1 d2 d3});
   * {@code null} to throw {@link BadDiscountException} instead. {@link Discount#LMPLZ_FALLBACK} is lmplz's default.
   */
  public KneserNeyEstimator withDiscountFallback(Discount fallback) {
    return new KneserNeyEstimator(order, fallback, interpolateUnigrams, vocabPad, skipSymbols, cLog10);
  }

  /**
   * {@code true} (lmplz's default) treats {@code <unk>} as a zeroton and interpolates all unigrams with the uniform
   * distribution; {@code false} ({@code --interpolate_unigrams 0}, SRILM's way) gives the whole unigram gamma mass to
   * {@code <unk>}.
   */
  public KneserNeyEstimator withInterpolateUnigrams(boolean interpolate) {
    return new KneserNeyEstimator(order, fallback, interpolate, vocabPad, skipSymbols, cLog10);
  }

  /** lmplz's {@code --vocab_pad}: the uniform distribution counts at least this many words. */
  public KneserNeyEstimator withVocabPad(long pad) {
    if (pad < 0) {
      throw new IllegalArgumentException("vocab pad must not be negative: " + pad);
    }
    return new KneserNeyEstimator(order, fallback, interpolateUnigrams, pad, skipSymbols, cLog10);
  }

  /**
   * lmplz's {@code --skip_symbols}: {@code true} treats {@code <s>}, {@code </s>} and {@code <unk>} in the text as
   * whitespace; {@code false} (the default) rejects them with an {@link IllegalArgumentException}.
   */
  public KneserNeyEstimator withSkipSymbols(boolean skip) {
    return new KneserNeyEstimator(order, fallback, interpolateUnigrams, vocabPad, skip, cLog10);
  }

  /**
   * {@code true} takes log10 from the platform C library's {@code log10f} (through the FFM API), which is what lmplz
   * calls, so the ARPA text comes out byte-identical to lmplz's built against the same C library; {@code false}
   * (default) uses a pure-Java evaluation in glibc's order, which differs from glibc 2.36 by one float ulp
   * (at most 2.4e-7 in log10) in about 0.3% of the printed values.
   *
   * @throws UnsupportedOperationException when the C library's log10f cannot be found
   */
  public KneserNeyEstimator withCLibraryLog10(boolean use) {
    if (use && !KenlmFloats.cLog10fAvailable()) {
      throw new UnsupportedOperationException("no C library log10f on this platform");
    }
    return new KneserNeyEstimator(order, fallback, interpolateUnigrams, vocabPad, skipSymbols, use);
  }

  /** The order N. */
  public int order() {
    return order;
  }

  /**
   * Counts the lines and estimates the model.
   *
   * @param tokenizedLines one sentence per element, words separated by whitespace
   * @throws BadDiscountException when discounts fail and no fallback is configured
   */
  public EstimatedModel estimate(Iterable<String> tokenizedLines) {
    Corpus corpus = Corpus.read(tokenizedLines, skipSymbols);
    int n = order;
    Table full = countFull(corpus, n);
    Table[] tables = new Table[n];
    tables[n - 1] = highestOrder(full, n);
    for (int k = n - 1; k >= 1; k--) {
      tables[k - 1] = lowerOrder(full, n, k);
    }
    if (n == 1) {
      tables[0] = withSpecialUnigrams(tables[0]);
    }
    int vocabularySize = corpus.vocabulary.size();
    if (tables[0].size != vocabularySize) {
      throw new IllegalStateException("unigram table " + tables[0].size + " != vocabulary " + vocabularySize);
    }

    Discount[] discounts = new Discount[n];
    for (int k = 1; k <= n; k++) {
      long[] nc = new long[5];
      Table t = tables[k - 1];
      for (int i = 0; i < t.size; i++) {
        long c = i == t.size - 1 && t.lastRowRawCount >= 0 ? t.lastRowRawCount : t.counts[i];
        if (c < 5) {
          nc[(int) c]++;
        }
      }
      try {
        discounts[k - 1] = Discount.estimate(nc, k);
      } catch (BadDiscountException e) {
        if (fallback == null) {
          throw e;
        }
        discounts[k - 1] = fallback;
      }
    }

    // Per order k: gamma and float denominator of every context (a (k-1)-gram; the empty context for k = 1),
    // the context and suffix index of every k-gram.
    float[][] gamma = new float[n][];
    float[][] denominator = new float[n][];
    boolean[][] isContext = new boolean[n][];
    int[][] contextOf = new int[n][];
    int[][] suffixOf = new int[n][];
    for (int k = 1; k <= n; k++) {
      Table t = tables[k - 1];
      int contexts = k == 1 ? 1 : tables[k - 2].size;
      long[] denom = new long[contexts];
      long[][] byCount = new long[4][contexts];
      int[] ctx = new int[t.size];
      int[] suf = k == 1 ? null : new int[t.size];
      for (int i = 0; i < t.size; i++) {
        int c = k == 1 ? 0 : find(tables[k - 2], t.cols, i, 0, k - 1);
        if (k > 1) {
          suf[i] = find(tables[k - 2], t.cols, i, 1, k - 1);
          if (c < 0 || suf[i] < 0) {
            throw new IllegalStateException("missing lower-order n-gram for " + k + "-gram " + i);
          }
        }
        ctx[i] = c;
        long count = t.counts[i];
        denom[c] += count;
        if (count > 0) {
          byCount[(int) Math.min(count, 3)][c]++;
        }
      }
      Discount d = discounts[k - 1];
      float[] g = new float[contexts];
      float[] den = new float[contexts];
      boolean[] used = new boolean[contexts];
      for (int c = 0; c < contexts; c++) {
        if (denom[c] == 0 && byCount[1][c] + byCount[2][c] + byCount[3][c] == 0) {
          continue;
        }
        used[c] = true;
        float gm = 0f;
        gm += d.d1() * (float) byCount[1][c];
        gm += d.d2() * (float) byCount[2][c];
        gm += d.d3plus() * (float) byCount[3][c];
        den[c] = (float) denom[c];
        g[c] = gm / den[c];
      }
      gamma[k - 1] = g;
      denominator[k - 1] = den;
      isContext[k - 1] = used;
      contextOf[k - 1] = ctx;
      suffixOf[k - 1] = suf;
    }

    float[][] logProbs = new float[n][];
    float[][] logBackoffs = new float[n - 1][];
    float[] lower = null;
    for (int k = 1; k <= n; k++) {
      Table t = tables[k - 1];
      Discount d = discounts[k - 1];
      float[] prob = new float[t.size];
      float[] logProb = new float[t.size];
      if (k == 1) {
        float uniform = (float) (1.0 / (double) (float) Math.max(vocabPad, (long) t.size - 1));
        float g = gamma[0][0];
        float den = denominator[0][0];
        float assign = interpolateUnigrams ? g : 0f;
        for (int i = 0; i < t.size; i++) {
          float uninterp;
          float gm;
          if (i == EstimatedModel.UNK) {
            uninterp = interpolateUnigrams ? 0f : g;
            gm = assign;
          } else if (i == EstimatedModel.BOS) {
            uninterp = 1f;
            gm = 0f;
          } else {
            uninterp = d.apply(t.counts[i]) / den;
            gm = assign;
          }
          prob[i] = uninterp + gm * uniform;
        }
      } else {
        int[] ctx = contextOf[k - 1];
        int[] suf = suffixOf[k - 1];
        float[] g = gamma[k - 1];
        float[] den = denominator[k - 1];
        for (int i = 0; i < t.size; i++) {
          float uninterp = d.apply(t.counts[i]) / den[ctx[i]];
          prob[i] = uninterp + g[ctx[i]] * lower[suf[i]];
        }
      }
      for (int i = 0; i < t.size; i++) {
        float lp = log10(prob[i]);
        logProb[i] = lp < 0f ? lp : 0f;
      }
      logProbs[k - 1] = logProb;
      if (k < n) {
        float[] bo = new float[t.size];
        boolean[] used = isContext[k];
        float[] g = gamma[k];
        for (int i = 0; i < t.size; i++) {
          int last = t.cols[k - 1][i];
          float b = used[i] && last != EstimatedModel.UNK && last != EstimatedModel.EOS ? g[i] : 1f;
          bo[i] = log10(b);
        }
        logBackoffs[k - 1] = bo;
      }
      lower = prob;
    }

    int[][][] words = new int[n][][];
    long[][] counts = new long[n][];
    for (int k = 1; k <= n; k++) {
      words[k - 1] = tables[k - 1].cols;
      counts[k - 1] = tables[k - 1].counts;
    }
    return new EstimatedModel(corpus.vocabulary.toArray(String[]::new), words, counts, logProbs, logBackoffs, discounts,
        corpus.tokenCount);
  }

  private float log10(float x) {
    return cLog10 ? KenlmFloats.cLog10f(x) : KenlmFloats.log10f(x);
  }

  /** N-grams of one order: word ids column-wise in suffix order, with counts. */
  private static final class Table {
    final int[][] cols;
    final long[] counts;
    final int size;
    /**
     * lmplz quirk: its count-of-counts take the raw (not adjusted) count of the n-gram still open when the corpus
     * ends, i.e. the last row of a lower order when it is a suffix of the last N-gram; -1 when not applicable.
     */
    long lastRowRawCount = -1;

    Table(int[][] cols, long[] counts) {
      this.cols = cols;
      this.counts = counts;
      this.size = counts.length;
    }
  }

  /** Token ids of all sentences, each ended by {@code </s>}, and every token's position in its sentence. */
  private static final class Corpus {
    final List<String> vocabulary = new ArrayList<>();
    final Map<String, Integer> ids = new HashMap<>();
    int[] tokens = new int[1 << 16];
    int[] offsets = new int[1 << 16];
    int length;
    long tokenCount;

    static Corpus read(Iterable<String> lines, boolean skipSymbols) {
      Corpus c = new Corpus();
      for (String special : new String[] {"<unk>", "<s>", "</s>"}) {
        c.ids.put(special, c.vocabulary.size());
        c.vocabulary.add(special);
      }
      for (String line : lines) {
        int offset = 0;
        int i = 0;
        int len = line.length();
        while (i < len) {
          while (i < len && isDelimiter(line.charAt(i))) {
            i++;
          }
          int start = i;
          while (i < len && !isDelimiter(line.charAt(i))) {
            i++;
          }
          if (i > start) {
            String w = line.substring(start, i);
            Integer id = c.ids.get(w);
            if (id == null) {
              id = c.vocabulary.size();
              c.ids.put(w, id);
              c.vocabulary.add(w);
            } else if (id <= EstimatedModel.EOS) {
              if (!skipSymbols) {
                throw new IllegalArgumentException("special word " + w + " in the text (skip symbols to ignore it)");
              }
              continue;
            }
            c.add(id, offset++);
            c.tokenCount++;
          }
        }
        c.add(EstimatedModel.EOS, offset);
      }
      return c;
    }

    private static boolean isDelimiter(char ch) {
      return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n' || ch == '\0';
    }

    private void add(int id, int offset) {
      if (length == tokens.length) {
        int cap = (int) Math.min(Integer.MAX_VALUE - 8, (long) length * 2);
        if (cap == length) {
          throw new IllegalStateException("corpus too large: " + length + " tokens");
        }
        tokens = Arrays.copyOf(tokens, cap);
        offsets = Arrays.copyOf(offsets, cap);
      }
      tokens[length] = id;
      offsets[length] = offset;
      length++;
    }

    /** Word {@code back} positions before position {@code p}, {@code <s>} before the sentence start. */
    int wordBefore(int p, int back) {
      return back > offsets[p] ? EstimatedModel.BOS : tokens[p - back];
    }
  }

  /** All distinct N-grams (padding included) ending at some position, with raw counts, in suffix order. */
  private static Table countFull(Corpus corpus, int n) {
    int t = corpus.length;
    int v = corpus.vocabulary.size();
    int[] perm = new int[t];
    for (int i = 0; i < t; i++) {
      perm[i] = i;
    }
    int[] tmp = new int[t];
    int[] bucket = new int[v + 1];
    // LSD radix sort: least significant = first word of the N-gram, most significant = last word.
    for (int col = 0; col < n; col++) {
      int back = n - 1 - col;
      Arrays.fill(bucket, 0);
      for (int i = 0; i < t; i++) {
        bucket[corpus.wordBefore(perm[i], back) + 1]++;
      }
      for (int w = 0; w < v; w++) {
        bucket[w + 1] += bucket[w];
      }
      for (int i = 0; i < t; i++) {
        int p = perm[i];
        tmp[bucket[corpus.wordBefore(p, back)]++] = p;
      }
      int[] s = perm;
      perm = tmp;
      tmp = s;
    }
    tmp = null;
    int unique = 0;
    for (int i = 0; i < t; i++) {
      if (i == 0 || !samePositions(corpus, perm[i - 1], perm[i], n)) {
        unique++;
      }
    }
    int[][] cols = new int[n][unique];
    long[] counts = new long[unique];
    int u = -1;
    for (int i = 0; i < t; i++) {
      int p = perm[i];
      if (i == 0 || !samePositions(corpus, perm[i - 1], p, n)) {
        u++;
        for (int col = 0; col < n; col++) {
          cols[col][u] = corpus.wordBefore(p, n - 1 - col);
        }
      }
      counts[u]++;
    }
    return new Table(cols, counts);
  }

  private static boolean samePositions(Corpus corpus, int p, int q, int n) {
    for (int back = 0; back < n; back++) {
      if (corpus.wordBefore(p, back) != corpus.wordBefore(q, back)) {
        return false;
      }
    }
    return true;
  }

  /** The N-grams without {@code <s>} after their first word, raw counts. */
  private static Table highestOrder(Table full, int n) {
    int kept = 0;
    for (int i = 0; i < full.size; i++) {
      if (!hasInnerBos(full, i, 0, n)) {
        kept++;
      }
    }
    int[][] cols = new int[n][kept];
    long[] counts = new long[kept];
    int j = 0;
    for (int i = 0; i < full.size; i++) {
      if (!hasInnerBos(full, i, 0, n)) {
        for (int col = 0; col < n; col++) {
          cols[col][j] = full.cols[col][i];
        }
        counts[j++] = full.counts[i];
      }
    }
    return new Table(cols, counts);
  }

  /** {@code <s>} at positions from+1 .. n-1 of row i of the full table. */
  private static boolean hasInnerBos(Table full, int i, int from, int n) {
    for (int col = from + 1; col < n; col++) {
      if (full.cols[col][i] == EstimatedModel.BOS) {
        return true;
      }
    }
    return false;
  }

  /**
   * The k-grams (k &lt; N) as suffixes of the N-grams: raw count when starting with {@code <s>}, else the number of
   * distinct words before them. For k = 1, {@code <unk>} and {@code <s>} are added with count 0.
   */
  private static Table lowerOrder(Table full, int n, int k) {
    int first = n - k; // column of the k-gram's first word
    int runs = 0;
    for (int i = 0; i < full.size; ) {
      int end = runEnd(full, i, first, n);
      if (!hasInnerBos(full, i, first, n)) {
        runs++;
      }
      i = end;
    }
    int extra = k == 1 ? 2 : 0;
    int[][] cols = new int[k][runs + extra];
    long[] counts = new long[runs + extra];
    int j = 0;
    if (k == 1) {
      cols[0][0] = EstimatedModel.UNK;
      cols[0][1] = EstimatedModel.BOS;
      j = 2;
    }
    int[] before = full.cols[first - 1];
    long lastRaw = -1;
    for (int i = 0; i < full.size; ) {
      int end = runEnd(full, i, first, n);
      if (!hasInnerBos(full, i, first, n)) {
        long raw = 0;
        for (int r = i; r < end; r++) {
          raw += full.counts[r];
        }
        lastRaw = end == full.size ? raw : -1;
        long count;
        if (full.cols[first][i] == EstimatedModel.BOS) {
          count = raw;
        } else {
          count = 1;
          for (int r = i + 1; r < end; r++) {
            if (before[r] != before[r - 1]) {
              count++;
            }
          }
        }
        for (int p = 0; p < k; p++) {
          cols[p][j] = full.cols[first + p][i];
        }
        counts[j++] = count;
      }
      i = end;
    }
    Table t = new Table(cols, counts);
    t.lastRowRawCount = lastRaw;
    return t;
  }

  /** End (exclusive) of the run of rows sharing columns first..n-1 with row i. */
  private static int runEnd(Table full, int i, int first, int n) {
    int r = i + 1;
    outer:
    for (; r < full.size; r++) {
      for (int col = n - 1; col >= first; col--) {
        if (full.cols[col][r] != full.cols[col][i]) {
          break outer;
        }
      }
    }
    return r;
  }

  /** For order 1: the unigram table with {@code <unk>} and {@code <s>} (count 0) in front. */
  private static Table withSpecialUnigrams(Table t) {
    int[][] cols = new int[1][t.size + 2];
    long[] counts = new long[t.size + 2];
    cols[0][0] = EstimatedModel.UNK;
    cols[0][1] = EstimatedModel.BOS;
    System.arraycopy(t.cols[0], 0, cols[0], 2, t.size);
    System.arraycopy(t.counts, 0, counts, 2, t.size);
    return new Table(cols, counts);
  }

  /** Index in {@code t} (order len) of the words {@code src[from .. from+len-1]} of row {@code row}, or -1. */
  private static int find(Table t, int[][] src, int row, int from, int len) {
    int lo = 0;
    int hi = t.size - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = 0;
      for (int p = len - 1; p >= 0; p--) {
        int a = t.cols[p][mid];
        int b = src[from + p][row];
        if (a != b) {
          c = a < b ? -1 : 1;
          break;
        }
      }
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
}
