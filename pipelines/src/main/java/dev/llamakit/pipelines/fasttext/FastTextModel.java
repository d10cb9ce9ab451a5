package dev.llamakit.pipelines.fasttext;

import dev.llamakit.pipelines.fasttext.Dictionary.IntList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A supervised fastText model ({@code .bin} or quantized {@code .ftz}) predicting labels in pure Java, with the
 * labels and log-probabilities of the fastText that JFastText 0.5 embeds (fastText of August 2018, file version 12),
 * float for float: the same tokens, the same feature ids, the hidden vector summed in the same order, the same float
 * operations in the loss, and {@code log(p + 1e-5)} as the returned score.
 *
 * <p>Immutable after {@link #load}: {@link #predict} may be called from any number of threads (per-thread scratch).
 */
public final class FastTextModel {
  /** fastText's {@code FASTTEXT_FILEFORMAT_MAGIC_INT32}. */
  static final int MAGIC = 793712314;
  /** The newest file version fastText 2018 reads (and the one every fastText since writes). */
  static final int VERSION = 12;

  /** fastText's {@code loss_name}. */
  public enum Loss {
    HS, NS, SOFTMAX, OVA;

    static Loss of(int code) {
      return code >= 1 && code <= 4 ? values()[code - 1] : null;
    }
  }

  /** The model's training arguments as saved in the file (fastText's {@code Args::save}). */
  public record Args(int dim, int ws, int epoch, int minCount, int neg, int wordNgrams, Loss loss, int model,
      int bucket, int minn, int maxn, int lrUpdateRate, double t) {}

  /** A predicted label (with fastText's {@code __label__} prefix, as in the file) and its log-probability. */
  public record Prediction(String label, float logProb) {
    /** {@code exp(logProb)} as a float, as fastText's bindings report it. */
    public float probability() {
      return (float) Math.exp(logProb);
    }
  }

  private static final int SIGMOID_TABLE_SIZE = 512;
  private static final int MAX_SIGMOID = 8;

  private final Path file;
  private final Args args;
  private final Dictionary dict;
  private final Matrix input;
  private final Matrix output;
  private final int osz;
  private final int[] treeLeft;
  private final int[] treeRight;
  private final float[] sigmoidTable;
  private final String[] labels;
  private final ThreadLocal<Scratch> scratch;

  private FastTextModel(Path file, Args args, Dictionary dict, Matrix input, Matrix output) {
    this.file = file;
    this.args = args;
    this.dict = dict;
    this.input = input;
    this.output = output;
    this.osz = dict.nlabels;
    labels = new String[dict.nlabels];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = dict.label(i);
    }
    if (args.loss() == Loss.HS) {
      int nodes = 2 * osz - 1;
      treeLeft = new int[nodes];
      treeRight = new int[nodes];
      buildTree(java.util.Arrays.copyOfRange(dict.counts, dict.nwords, dict.size));
    } else {
      treeLeft = null;
      treeRight = null;
    }
    sigmoidTable = new float[SIGMOID_TABLE_SIZE + 1];
    for (int i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
      float x = (float) (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
      sigmoidTable[i] = (float) (1.0 / (1.0 + expf(-x)));
    }
    scratch = ThreadLocal.withInitial(() -> new Scratch(args.dim(), osz));
  }

  /**
   * Checks only that {@code file} starts like a fastText model this class reads (magic number, version), without
   * loading it: for validating a path on the driver before workers load it.
   */
  public static void checkHeader(Path file) throws IOException {
    try (ModelReader r = new ModelReader(file)) {
      header(r, file);
    }
  }

  /** Reads and checks the magic number and version; returns the version. */
  private static int header(ModelReader r, Path file) throws IOException {
    int magic = r.readInt();
    if (magic != MAGIC) {
      throw new IOException(file + ": not a fastText model (magic number " + Integer.toHexString(magic)
          + ", expected " + Integer.toHexString(MAGIC) + ")");
    }
    int version = r.readInt();
    if (version > VERSION || version < 0) {
      throw new IOException(file + ": fastText model file version " + version + " is not supported (up to "
          + VERSION + ")");
    }
    return version;
  }

  /**
   * Loads a model file. Fails with an {@link IOException} naming the file when it is not a fastText model, has a
   * newer version, is truncated, is not supervised or is inconsistent.
   */
  public static FastTextModel load(Path file) throws IOException {
    try (ModelReader r = new ModelReader(file)) {
      int version = header(r, file);
      r.section("the arguments");
      int dim = r.readInt();
      int ws = r.readInt();
      int epoch = r.readInt();
      int minCount = r.readInt();
      int neg = r.readInt();
      int wordNgrams = r.readInt();
      int lossCode = r.readInt();
      int model = r.readInt();
      int bucket = r.readInt();
      int minn = r.readInt();
      int maxn = r.readInt();
      int lrUpdateRate = r.readInt();
      double t = r.readDouble();
      Loss loss = Loss.of(lossCode);
      if (loss == null) {
        throw r.error("unknown loss " + lossCode);
      }
      if (model != 3) {
        throw new IOException(file + ": not a supervised fastText model (model " + model
            + "; only supervised classifiers predict labels)");
      }
      if (version == 11) {
        maxn = 0; // fastText: old supervised models do not use char n-grams
      }
      if (dim <= 0 || dim > 1 << 16 || bucket < 0 || ((maxn > 0 || wordNgrams > 1) && bucket == 0)) {
        throw r.error("invalid arguments (dim " + dim + ", bucket " + bucket + ", maxn " + maxn + ", wordNgrams "
            + wordNgrams + ")");
      }
      Args args = new Args(dim, ws, epoch, minCount, neg, wordNgrams, loss, model, bucket, minn, maxn, lrUpdateRate, t);
      Dictionary dict = new Dictionary(r, minn, maxn, bucket);
      r.section("the input matrix");
      boolean quantInput = r.readBool();
      Matrix input = quantInput ? Matrix.readQuantized(r, true) : Matrix.readDense(r);
      r.section("the output matrix");
      boolean qout = r.readBool();
      Matrix output = quantInput && qout ? Matrix.readQuantized(r, false) : Matrix.readDense(r);
      if (input.n != dim || output.n != dim) {
        throw r.error("matrix rows of " + input.n + " and " + output.n + " values for dimension " + dim);
      }
      if (input.m < dict.inputRowsNeeded()) {
        throw r.error("input matrix of " + input.m + " rows for " + dict.inputRowsNeeded() + " word and n-gram ids");
      }
      if (dict.nlabels == 0 || output.m != dict.nlabels) {
        throw r.error("output matrix of " + output.m + " rows for " + dict.nlabels + " labels");
      }
      if (!r.atEnd()) {
        throw r.error("unexpected bytes after the output matrix");
      }
      return new FastTextModel(file, args, dict, input, output);
    }
  }

  public Path file() {
    return file;
  }

  public Args args() {
    return args;
  }

  /** The labels, in the model's order. */
  public List<String> labels() {
    return List.of(labels);
  }

  /** The best label of a text's first line, or null when it has no features (fastText predicts nothing). */
  public Prediction predictTop(String text) {
    List<Prediction> p = predict(text, 1, 0f);
    return p.isEmpty() ? null : p.getFirst();
  }

  /**
   * fastText's {@code predict(in, k, predictions, threshold)} on the text (UTF-8), best first: the first line only
   * (its {@code </s>} included when the line ends with a line feed), labels whose probability is at least
   * {@code threshold}.
   */
  public List<Prediction> predict(String text, int k, float threshold) {
    if (k <= 0) {
      throw new IllegalArgumentException("k needs to be 1 or higher");
    }
    Scratch s = scratch.get();
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    IntList ids = s.ids;
    ids.size = 0;
    int nh = 0;
    int len = b.length;
    int p = 0;
    boolean eos = false;
    while (!eos) {
      // fastText's readWord: skip separators; a line feed before any byte of a word is the word </s>
      int from;
      int to;
      byte[] w;
      while (p < len && isSeparator(b[p]) && b[p] != '\n') {
        p++;
      }
      if (p == len) {
        break;
      }
      if (b[p] == '\n') {
        w = Dictionary.EOS;
        from = 0;
        to = w.length;
        eos = true;
        p++;
      } else {
        w = b;
        from = p;
        while (p < len && !isSeparator(b[p])) {
          p++;
        }
        to = p;
      }
      int n = to - from;
      eos = eos || Dictionary.isEos(w, from, n); // a written "</s>" ends the line as well
      int h = Dictionary.hash(w, from, to);
      int wid = dict.getId(w, from, n, h);
      boolean label = wid < 0 ? Dictionary.isLabel(w, from, n) : dict.isLabelEntry(wid);
      if (label) {
        continue;
      }
      if (wid < 0) {
        if (!eos && dict.maxn > 0) {
          s.unknownWords.appendRows(dict, w, from, n, h, ids);
        }
      } else if (dict.maxn <= 0) {
        ids.add(wid);
      } else {
        dict.addSubwords(wid, ids);
      }
      if (nh == s.hashes.length) {
        s.hashes = java.util.Arrays.copyOf(s.hashes, nh * 2);
      }
      s.hashes[nh++] = h;
    }
    if (args.wordNgrams() > 1) {
      dict.addWordNgrams(ids, s.hashes, nh, args.wordNgrams());
    }
    if (ids.size == 0) {
      return List.of();
    }
    float[] hidden = s.hidden;
    java.util.Arrays.fill(hidden, 0f);
    int[] a = ids.a;
    for (int i = 0; i < ids.size; i++) {
      input.addRowTo(hidden, a[i]);
    }
    float inv = (float) (1.0 / ids.size);
    for (int j = 0; j < hidden.length; j++) {
      hidden[j] *= inv;
    }
    Heap heap = s.heap;
    heap.reset(k);
    if (args.loss() == Loss.HS) {
      dfs(heap, stdLog(threshold), 2 * osz - 2, 0f, hidden);
    } else {
      findKBest(heap, threshold, hidden, s.output);
    }
    heap.sort();
    List<Prediction> out = new ArrayList<>(heap.size);
    for (int i = 0; i < heap.size; i++) {
      out.add(new Prediction(labels[heap.ids[i]], heap.scores[i]));
    }
    return out;
  }

  private static boolean isSeparator(byte c) {
    return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x0B || c == '\f' || c == 0;
  }

  /** {@code std::exp} on a float (glibc's expf), as fastText's hs uses it. */
  private static float expf(float x) {
    return (float) Math.exp(x);
  }

  /** fastText's {@code std_log}: {@code log(x + 1e-5)} in double, returned as float. */
  static float stdLog(float x) {
    return (float) Math.log(x + 1e-5);
  }

  private float sigmoid(float x) {
    if (x < -MAX_SIGMOID) {
      return 0f;
    } else if (x > MAX_SIGMOID) {
      return 1f;
    }
    int i = (int) ((x + MAX_SIGMOID) * SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2);
    return sigmoidTable[i];
  }

  /**
   * Softmax over the output (as fastText 2018 does for softmax and ns), or the sigmoid of each output for
   * one-vs-all (fastText 0.9's {@code OneVsAllLoss}); then the k best {@code std_log} scores at or above the
   * threshold.
   */
  private void findKBest(Heap heap, float threshold, float[] hidden, float[] out) {
    int n = osz;
    for (int i = 0; i < n; i++) {
      out[i] = output.dotRow(hidden, i);
    }
    if (args.loss() == Loss.OVA) {
      for (int i = 0; i < n; i++) {
        out[i] = sigmoid(out[i]);
      }
    } else {
      float max = out[0];
      for (int i = 0; i < n; i++) {
        max = out[i] < max ? max : out[i]; // std::max(out[i], max)
      }
      float z = 0f;
      for (int i = 0; i < n; i++) {
        out[i] = (float) Math.exp(out[i] - max); // fastText calls the double exp here
        z += out[i];
      }
      for (int i = 0; i < n; i++) {
        out[i] /= z;
      }
    }
    for (int i = 0; i < n; i++) {
      if (out[i] < threshold) {
        continue;
      }
      float score = stdLog(out[i]);
      if (heap.size == heap.k && score < heap.scores[0]) {
        continue;
      }
      heap.push(score, i);
    }
  }

  /**
   * fastText's {@code dfs} over the Huffman tree, pruned by the threshold and the heap's worst score;
   * {@code logThreshold} is {@code std_log(threshold)}, which fastText recomputes at every node.
   */
  private void dfs(Heap heap, float logThreshold, int node, float score, float[] hidden) {
    if (score < logThreshold) {
      return;
    }
    if (heap.size == heap.k && score < heap.scores[0]) {
      return;
    }
    if (treeLeft[node] == -1 && treeRight[node] == -1) {
      heap.push(score, node);
      return;
    }
    float f = output.dotRow(hidden, node - osz);
    f = 1f / (1f + expf(-f));
    dfs(heap, logThreshold, treeLeft[node], score + stdLog(1f - f), hidden);
    dfs(heap, logThreshold, treeRight[node], score + stdLog(f), hidden);
  }

  /** fastText's {@code buildTree}: the Huffman tree of the label counts, merging two sorted queues. */
  private void buildTree(long[] counts) {
    int n = counts.length;
    int nodes = 2 * n - 1;
    long[] count = new long[nodes];
    java.util.Arrays.fill(treeLeft, -1);
    java.util.Arrays.fill(treeRight, -1);
    java.util.Arrays.fill(count, 1_000_000_000_000_000L);
    System.arraycopy(counts, 0, count, 0, n);
    int leaf = n - 1;
    int node = n;
    for (int i = n; i < nodes; i++) {
      int[] mini = new int[2];
      for (int j = 0; j < 2; j++) {
        if (leaf >= 0 && count[leaf] < count[node]) {
          mini[j] = leaf--;
        } else {
          mini[j] = node++;
        }
      }
      treeLeft[i] = mini[0];
      treeRight[i] = mini[1];
      count[i] = count[mini[0]] + count[mini[1]];
    }
  }

  /** Per-thread buffers of {@link #predict}. */
  private static final class Scratch {
    final IntList ids = new IntList(4096);
    int[] hashes = new int[1024];
    final SubwordCache unknownWords = new SubwordCache();
    final float[] hidden;
    final float[] output;
    final Heap heap = new Heap();

    Scratch(int dim, int osz) {
      hidden = new float[dim];
      output = new float[osz];
    }
  }

  /**
   * The k best (score, label) pairs in a min-heap ordered by fastText's {@code comparePairs} (score greater first),
   * with libstdc++'s {@code push_heap}, {@code pop_heap} and {@code sort_heap}, so that ties resolve as in fastText.
   */
  static final class Heap {
    int k;
    int size;
    float[] scores = new float[2];
    int[] ids = new int[2];

    void reset(int k) {
      this.k = k;
      size = 0;
      if (scores.length < k + 1) {
        scores = new float[k + 1];
        ids = new int[k + 1];
      }
    }

    /** {@code comp(a, b)}: a's score greater than b's. */
    private boolean comp(int a, int b) {
      return scores[a] > scores[b];
    }

    /** push_back, push_heap, and when over k: pop_heap, pop_back. */
    void push(float score, int id) {
      scores[size] = score;
      ids[size] = id;
      size++;
      pushHeap(size - 1, 0, score, id);
      if (size > k) {
        popHeap(size);
        size--;
      }
    }

    /** libstdc++ {@code __push_heap}. */
    private void pushHeap(int hole, int top, float vs, int vi) {
      int parent = (hole - 1) / 2;
      while (hole > top && scores[parent] > vs) {
        scores[hole] = scores[parent];
        ids[hole] = ids[parent];
        hole = parent;
        parent = (hole - 1) / 2;
      }
      scores[hole] = vs;
      ids[hole] = vi;
    }

    /** libstdc++ {@code __adjust_heap}. */
    private void adjustHeap(int hole, int len, float vs, int vi) {
      int top = hole;
      int second = hole;
      while (second < (len - 1) / 2) {
        second = 2 * (second + 1);
        if (comp(second, second - 1)) {
          second--;
        }
        scores[hole] = scores[second];
        ids[hole] = ids[second];
        hole = second;
      }
      if ((len & 1) == 0 && second == (len - 2) / 2) {
        second = 2 * (second + 1);
        scores[hole] = scores[second - 1];
        ids[hole] = ids[second - 1];
        hole = second - 1;
      }
      pushHeap(hole, top, vs, vi);
    }

    /** libstdc++ {@code pop_heap} on [0, len): the front moves to len - 1. */
    private void popHeap(int len) {
      if (len > 1) {
        int last = len - 1;
        float vs = scores[last];
        int vi = ids[last];
        scores[last] = scores[0];
        ids[last] = ids[0];
        adjustHeap(0, last, vs, vi);
      }
    }

    /** libstdc++ {@code sort_heap}: best first. */
    void sort() {
      for (int len = size; len > 1; len--) {
        popHeap(len);
      }
    }
  }
}
