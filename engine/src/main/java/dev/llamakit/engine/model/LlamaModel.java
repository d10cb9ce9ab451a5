package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufMetadata;
import dev.llamakit.engine.parallel.WorkerPool;
import dev.llamakit.engine.tensor.FloatKernels;
import dev.llamakit.engine.tensor.KernelWarmup;
import dev.llamakit.engine.tensor.KvRows;
import dev.llamakit.engine.tensor.MatMul;
import dev.llamakit.engine.tensor.WeightMatrix;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded Llama model (GGUF or llama2.c checkpoint) and its forward pass: RMSNorm, RoPE (NORM pairs, freq base and
 * {@code rope_freqs} from the file), grouped-query attention over an F32, F16 or Q8_0 KV cache ({@link KvCache}),
 * SwiGLU, tied or untied output.
 *
 * <p>Prompts run in blocks of {@code batchSize} tokens through batched matmuls; logits are computed only from a
 * requested position on. One forward pass runs at a time (calls are serialised); any number of
 * {@link InferenceState}s may exist.
 *
 * <pre>{@code
 * try (LlamaModel m = LlamaModel.load(Path.of("model.gguf"), ModelOptions.defaults())) {
 *   InferenceState s = m.newState();
 *   float[] logits = m.forward(s, ids, 0, ids.length, ids.length - 1);  // last position only
 * }
 * }</pre>
 */
public final class LlamaModel implements AutoCloseable {
  private final Path path;
  private final LlamaConfig config;
  private final LlamaWeights weights;
  private final ModelOptions options;
  private final int contextLength;
  private final WorkerPool pool;
  private final MatMul matmul;
  private final float[] ropeTable;
  private final AutoCloseable resource;
  private final GgufMetadata metadata;
  private BatchBuffers batch;

  LlamaModel(Path path, LlamaConfig config, LlamaWeights weights, ModelOptions options, AutoCloseable resource,
      GgufMetadata metadata) {
    this.path = path;
    this.config = config;
    this.weights = weights;
    this.options = options;
    this.resource = resource;
    this.metadata = metadata;
    int ctx = options.contextLength() == 0 ? Math.min(config.contextLength(), 4096) : options.contextLength();
    if (ctx > config.contextLength()) {
      throw new IllegalArgumentException("context length " + ctx + " exceeds the model's " + config.contextLength()
          + " (" + path + ")");
    }
    this.contextLength = ctx;
    String[] kinds = {"keys", "values"};
    GgmlType[] types = {options.cacheTypeK(), options.cacheTypeV()};
    for (int i = 0; i < 2; i++) {
      String why = KvRows.checkColumns(types[i], config.headSize());
      if (why != null) {
        throw new IllegalArgumentException("KV cache type " + types[i] + " for " + kinds[i] + " does not fit " + path
            + ": " + why + "; use F16 or F32");
      }
    }
    this.pool = new WorkerPool(options.effectiveThreads());
    int maxCols = Math.max(Math.max(config.dim(), config.hiddenDim()), config.heads() * config.headSize());
    this.matmul = new MatMul(pool, maxCols);
    this.ropeTable = ropeTable(config, weights.ropeFreqs(), ctx);
    if (options.warmup() && options.mmap()) {
      long touched = 0;
      for (WeightMatrix w : weights.decodeMatrices()) {
        touched += KernelWarmup.prefault(w.segment());
      }
      if (touched == Long.MIN_VALUE) {
        throw new IllegalStateException("unreachable");
      }
    }
    if (options.warmup()) {
      KernelWarmup.warm(weights.samplesPerType(), 20_000);
    }
  }

  /** Loads a GGUF file or a llama2.c {@code .bin} checkpoint (detected from the first bytes). */
  public static LlamaModel load(Path path, ModelOptions options) throws IOException {
    byte[] head = new byte[4];
    try (InputStream in = Files.newInputStream(path)) {
      int n = in.readNBytes(head, 0, 4);
      if (n < 4) {
        throw new ModelFormatException(path, "header", n + " bytes", "too short to be a model file");
      }
    }
    if (head[0] == 'G' && head[1] == 'G' && head[2] == 'U' && head[3] == 'F') {
      GgufFile f = GgufFile.open(path);
      try {
        long[] emb = f.hasTensor("token_embd.weight") ? f.tensor("token_embd.weight").shape() : new long[0];
        LlamaConfig c = LlamaConfig.fromGguf(path, f.metadata(), emb.length >= 2 ? emb[1] : -1);
        LlamaWeights w = LlamaWeights.fromGguf(f, c);
        checkTokenCount(path, f.metadata(), c);
        return assemble(path, c, w, options, f, f.metadata());
      } catch (RuntimeException | OutOfMemoryError e) {
        f.close();
        throw e;
      }
    }
    return Llama2cCheckpoint.load(path, options);
  }

  /**
   * The vocabulary a GGUF carries must have one token per embedding row: llama.cpp sizes {@code token_embd.weight}
   * from {@code tokenizer.ggml.tokens} and fails on a mismatch, and a model that can emit ids its tokenizer lacks
   * would fail mid-generation.
   */
  private static void checkTokenCount(Path path, GgufMetadata md, LlamaConfig c) {
    if (md.find("tokenizer.ggml.tokens").orElse(null) instanceof String[] tokens && tokens.length != c.vocabSize()) {
      throw new ModelFormatException(path, "tokenizer.ggml.tokens", tokens.length + " entries", "the model has "
          + c.vocabSize() + " token embeddings; they must be equal");
    }
  }

  /**
   * A model over {@code w} read from {@code file}: unless {@code options.mmap()}, the matrices read on every token
   * copied into huge-page memory first ({@link LlamaWeights#resident}). Closing the model closes that memory, then
   * {@code file}; on failure the copy is freed here and {@code file} is left to the caller.
   */
  static LlamaModel assemble(Path path, LlamaConfig c, LlamaWeights w, ModelOptions options, AutoCloseable file,
      GgufMetadata metadata) {
    WeightMemory copies = options.mmap() ? null : WeightMemory.allocate(w.residentBytes());
    try {
      LlamaWeights used = copies == null ? w : w.resident(copies.allocator());
      return new LlamaModel(path, c, used, options, () -> {
        try (file) {
          if (copies != null) {
            copies.close();
          }
        }
      }, metadata);
    } catch (RuntimeException | OutOfMemoryError e) {
      if (copies != null) {
        copies.close();
      }
      throw e;
    }
  }

  public Path path() {
    return path;
  }

  public LlamaConfig config() {
    return config;
  }

  public LlamaWeights weights() {
    return weights;
  }

  public ModelOptions options() {
    return options;
  }

  /** GGUF metadata (tokenizer, chat template), empty for llama2.c checkpoints. */
  public Optional<GgufMetadata> metadata() {
    return Optional.ofNullable(metadata);
  }

  /** KV-cache length of new states. */
  public int contextLength() {
    return contextLength;
  }

  public int vocabSize() {
    return config.vocabSize();
  }

  public int threads() {
    return pool.size();
  }

  /** A fresh state with an empty cache of {@link #contextLength()} positions. */
  public InferenceState newState() {
    return new InferenceState(config, contextLength, options.batchSize(), pool.size(), options.cacheTypeK(),
        options.cacheTypeV());
  }

  /**
   * Runs {@code tokens[from..to)} at the state's next positions, appending them to its cache, and returns the logits
   * of every position with index {@code >= logitsFrom} ({@code (to - logitsFrom) * vocab} floats, row by row;
   * empty when {@code logitsFrom == to}).
   */
  public synchronized float[] forward(InferenceState s, int[] tokens, int from, int to, int logitsFrom) {
    if (from < 0 || to > tokens.length || from > to || logitsFrom < from || logitsFrom > to) {
      throw new IllegalArgumentException("bad token range [" + from + ", " + to + ") / logits from " + logitsFrom);
    }
    int start = s.cache.length();
    if (start + (to - from) > s.cache.capacity()) {
      throw new IllegalArgumentException("sequence of " + (start + to - from) + " positions exceeds the context of "
          + s.cache.capacity());
    }
    int vocab = config.vocabSize();
    float[] logits = new float[(to - logitsFrom) * vocab];
    for (int b = from; b < to; b += s.size) {
      int n = Math.min(s.size, to - b);
      block(s, tokens, b, n, s.cache.length());
      s.cache.setLength(s.cache.length() + n);
      int lo = Math.max(b, logitsFrom);
      if (lo < b + n) {
        int m = b + n - lo;
        int dim = config.dim();
        float[] xn = new float[m * dim];
        for (int t = 0; t < m; t++) {
          FloatKernels.rmsnorm(xn, t * dim, s.x, (lo - b + t) * dim, weights.outputNorm(), dim, config.rmsEps());
        }
        float[] out = m == logits.length / vocab && lo == logitsFrom ? logits : new float[m * vocab];
        matmul.matmul(weights.output(), xn, m, out, options.exactActivations());
        if (out != logits) {
          System.arraycopy(out, 0, logits, (lo - logitsFrom) * vocab, m * vocab);
        }
      }
    }
    return logits;
  }

  /** One block of {@code n} tokens starting at cache position {@code pos}; leaves the final hidden states in s.x. */
  private void block(InferenceState s, int[] tokens, int off, int n, int pos) {
    LlamaConfig c = config;
    int dim = c.dim(), kvDim = c.kvDim(), hs = c.headSize(), heads = c.heads(), kvHeads = c.kvHeads();
    int qDim = heads * hs, hidden = c.hiddenDim();
    boolean exact = options.exactActivations();
    for (int t = 0; t < n; t++) {
      int id = tokens[off + t];
      if (id < 0 || id >= c.vocabSize()) {
        throw new IllegalArgumentException("token id " + id + " at index " + (off + t) + " is outside the vocabulary"
            + " of " + c.vocabSize());
      }
      weights.tokenEmbedding().dequantizeRow(id, s.x, t * dim);
    }
    float attScale = (float) (1.0 / Math.sqrt(hs));
    int group = heads / kvHeads;
    for (int l = 0; l < c.layers(); l++) {
      LayerWeights w = weights.layers().get(l);
      for (int t = 0; t < n; t++) {
        FloatKernels.rmsnorm(s.xb, t * dim, s.x, t * dim, w.attnNorm(), dim, c.rmsEps());
      }
      matmul.matmul(new WeightMatrix[] {w.wq(), w.wk(), w.wv()}, s.xb, n, new float[][] {s.q, s.k, s.v}, exact);
      KvRows kc = s.cache.keys[l], vc = s.cache.values[l];
      for (int t = 0; t < n; t++) {
        int p = pos + t;
        FloatKernels.rope(s.q, t * qDim, heads, hs, c.ropeDims(), ropeTable, p * c.ropeDims());
        FloatKernels.rope(s.k, t * kvDim, kvHeads, hs, c.ropeDims(), ropeTable, p * c.ropeDims());
        kc.write(p, s.k, t * kvDim);
        vc.write(p, s.v, t * kvDim);
      }
      int work = n * heads;
      pool.run((wk, nw) -> {
        float[] sc = s.scores[wk];
        for (int item = WorkerPool.from(work, wk, nw); item < WorkerPool.to(work, wk, nw); item++) {
          int t = item / heads, h = item % heads;
          int p = pos + t;
          int kvh = h / group;
          int qo = t * qDim + h * hs;
          kc.scores(s.q, qo, kvh * hs, hs, p + 1, attScale, sc);
          FloatKernels.softmax(sc, 0, p + 1);
          vc.weightedSum(sc, p + 1, kvh * hs, hs, s.att, qo);
        }
      });
      matmul.matmul(w.wo(), s.att, n, s.proj, exact);
      FloatKernels.add(s.x, 0, s.proj, 0, n * dim);
      for (int t = 0; t < n; t++) {
        FloatKernels.rmsnorm(s.xb, t * dim, s.x, t * dim, w.ffnNorm(), dim, c.rmsEps());
      }
      matmul.matmul(new WeightMatrix[] {w.wGate(), w.wUp()}, s.xb, n, new float[][] {s.hb, s.hb2}, exact);
      FloatKernels.swiglu(s.hb, 0, s.hb2, 0, n * hidden);
      matmul.matmul(w.wDown(), s.hb, n, s.proj, exact);
      FloatKernels.add(s.x, 0, s.proj, 0, n * dim);
    }
  }

  /**
   * One decode step of a batch of sequences: {@code tokens[i]} runs at the next position of {@code states[i]} (each
   * its own KV cache and position), for {@code i < count}, and the logits of each come back row by row
   * ({@code count * vocab} floats). The weight-matrix products take all the tokens in one pass over the weights
   * ({@link MatMul#matmulEach}); attention runs per sequence on its own cache. Every row is bit-identical to
   * {@code forward(states[i], new int[] {tokens[i]}, 0, 1, 0)}: the same kernels on the same values, only the order of
   * the work differs. The states must be distinct.
   */
  public synchronized float[] decode(InferenceState[] states, int[] tokens, int count) {
    LlamaConfig c = config;
    if (count < 1 || count > states.length || count > tokens.length) {
      throw new IllegalArgumentException("batch of " + count + " for " + states.length + " states and "
          + tokens.length + " tokens");
    }
    for (int i = 0; i < count; i++) {
      InferenceState s = states[i];
      if (s.cache.length() + 1 > s.cache.capacity()) {
        throw new IllegalArgumentException("sequence " + i + " of " + (s.cache.length() + 1) + " positions exceeds "
            + "the context of " + s.cache.capacity());
      }
      for (int j = 0; j < i; j++) {
        if (states[j] == s) {
          throw new IllegalArgumentException("sequences " + j + " and " + i + " share one state");
        }
      }
      if (tokens[i] < 0 || tokens[i] >= c.vocabSize()) {
        throw new IllegalArgumentException("token id " + tokens[i] + " of sequence " + i + " is outside the "
            + "vocabulary of " + c.vocabSize());
      }
    }
    if (batch == null || batch.size < count) {
      batch = new BatchBuffers(c, Math.max(count, batch == null ? 0 : batch.size), pool.size(), contextLength);
    }
    BatchBuffers s = batch;
    int n = count;
    int dim = c.dim(), kvDim = c.kvDim(), hs = c.headSize(), heads = c.heads(), kvHeads = c.kvHeads();
    int qDim = heads * hs, hidden = c.hiddenDim();
    boolean exact = options.exactActivations();
    for (int t = 0; t < n; t++) {
      weights.tokenEmbedding().dequantizeRow(tokens[t], s.x, t * dim);
    }
    float attScale = (float) (1.0 / Math.sqrt(hs));
    int group = heads / kvHeads;
    for (int l = 0; l < c.layers(); l++) {
      LayerWeights w = weights.layers().get(l);
      for (int t = 0; t < n; t++) {
        FloatKernels.rmsnorm(s.xb, t * dim, s.x, t * dim, w.attnNorm(), dim, c.rmsEps());
      }
      matmul.matmulEach(new WeightMatrix[] {w.wq(), w.wk(), w.wv()}, s.xb, n, new float[][] {s.q, s.k, s.v}, exact);
      for (int t = 0; t < n; t++) {
        int p = states[t].cache.length();
        FloatKernels.rope(s.q, t * qDim, heads, hs, c.ropeDims(), ropeTable, p * c.ropeDims());
        FloatKernels.rope(s.k, t * kvDim, kvHeads, hs, c.ropeDims(), ropeTable, p * c.ropeDims());
        states[t].cache.keys[l].write(p, s.k, t * kvDim);
        states[t].cache.values[l].write(p, s.v, t * kvDim);
      }
      int layer = l;
      int work = n * heads;
      pool.run((wk, nw) -> {
        float[] sc = s.scores[wk];
        for (int item = WorkerPool.from(work, wk, nw); item < WorkerPool.to(work, wk, nw); item++) {
          int t = item / heads, h = item % heads;
          KvCache cache = states[t].cache;
          int p = cache.length();
          int kvh = h / group;
          int qo = t * qDim + h * hs;
          cache.keys[layer].scores(s.q, qo, kvh * hs, hs, p + 1, attScale, sc);
          FloatKernels.softmax(sc, 0, p + 1);
          cache.values[layer].weightedSum(sc, p + 1, kvh * hs, hs, s.att, qo);
        }
      });
      matmul.matmulEach(w.wo(), s.att, n, s.proj, exact);
      FloatKernels.add(s.x, 0, s.proj, 0, n * dim);
      for (int t = 0; t < n; t++) {
        FloatKernels.rmsnorm(s.xb, t * dim, s.x, t * dim, w.ffnNorm(), dim, c.rmsEps());
      }
      matmul.matmulEach(new WeightMatrix[] {w.wGate(), w.wUp()}, s.xb, n, new float[][] {s.hb, s.hb2}, exact);
      FloatKernels.swiglu(s.hb, 0, s.hb2, 0, n * hidden);
      matmul.matmulEach(w.wDown(), s.hb, n, s.proj, exact);
      FloatKernels.add(s.x, 0, s.proj, 0, n * dim);
    }
    for (int t = 0; t < n; t++) {
      states[t].cache.setLength(states[t].cache.length() + 1);
    }
    float[] xn = new float[n * dim];
    for (int t = 0; t < n; t++) {
      FloatKernels.rmsnorm(xn, t * dim, s.x, t * dim, weights.outputNorm(), dim, c.rmsEps());
    }
    float[] logits = new float[n * c.vocabSize()];
    matmul.matmulEach(weights.output(), xn, n, logits, exact);
    return logits;
  }

  /**
   * cos/sin per position and rotated pair, as llama.cpp's rope cache computes them: {@code theta = pos *
   * base^(-2i/d)} by repeated float multiplication, divided by {@code rope_freqs[i]} when present.
   */
  static float[] ropeTable(LlamaConfig c, float[] freqs, int ctx) {
    int d = c.ropeDims();
    float[] t = new float[ctx * d];
    float thetaScale = (float) Math.pow(c.ropeBase(), -2.0f / d);
    for (int p = 0; p < ctx; p++) {
      float theta = p;
      for (int i = 0; i < d; i += 2) {
        float ff = freqs == null ? 1f : freqs[i / 2];
        float a = theta / ff;
        t[p * d + i] = (float) Math.cos(a);
        t[p * d + i + 1] = (float) Math.sin(a);
        theta *= thetaScale;
      }
    }
    return t;
  }

  /** Stops the worker threads and unmaps the file. */
  @Override
  public void close() {
    pool.close();
    try {
      resource.close();
    } catch (Exception e) {
      throw new IllegalStateException("closing " + path + ": " + e.getMessage(), e);
    }
  }
}
