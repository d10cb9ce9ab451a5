package dev.llamakit.pipelines.filters.lmppl;

import dev.llamakit.engine.gguf.GgufFile;
import dev.llamakit.engine.gguf.GgufMetadata;
import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;
import dev.llamakit.engine.model.ModelOptions;
import dev.llamakit.engine.tokenizer.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * One loaded Llama model and its tokenizer, scoring texts: {@link #score} gives the log-likelihood of a text's
 * first {@code maxTokens} tokens (see {@link LmPerplexityFilter} for what is averaged).
 *
 * <p>Thread-safe. The weights are loaded once and shared; each scoring thread takes its own
 * {@link InferenceState} (KV cache and activation buffers) from a pool, so threads never share a sequence. The
 * engine runs one forward pass of a model at a time ({@link LlamaModel#forward} is synchronized; its worker pool
 * parallelises inside a pass), so concurrent callers queue for the forward passes and overlap only tokenization
 * and the log-softmax.
 *
 * <p>The KV cache of each state holds {@link #window()} positions: {@code maxTokens + 1}, or the model's trained
 * context when that is shorter. A sequence longer than the window is scored in windows as the engine's
 * {@code LlamaEngine.loglikelihoodRolling} scores it: each later window starts {@code window / 2} tokens before the
 * end of the previous one, is computed afresh, and scores only the tokens not yet scored, so every token sees at
 * least {@code window / 2} tokens of context.
 */
final class DocumentScorer implements AutoCloseable {
  private final LlamaModel model;
  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int window;
  private final ConcurrentLinkedDeque<InferenceState> idle = new ConcurrentLinkedDeque<>();

  private DocumentScorer(LlamaModel model, Tokenizer tokenizer, int maxTokens, int window) {
    this.model = model;
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.window = window;
  }

  /**
   * Loads the GGUF model {@code file} with {@code threads} engine threads and prompt blocks of {@code batch}
   * tokens, sized to score at most {@code maxTokens} tokens per text.
   */
  static DocumentScorer open(Path file, int maxTokens, int batch, int threads) throws IOException {
    GgufMetadata md;
    try (GgufFile f = GgufFile.open(file)) {
      md = f.metadata();
    }
    String arch = md.findString("general.architecture").orElse("?");
    int trained = md.getInt(arch + ".context_length", 0);
    if (trained < 2) {
      throw new IOException(file + ": no usable " + arch + ".context_length (a Llama GGUF is needed)");
    }
    Tokenizer tok = Tokenizer.fromGguf(md);
    int window = (int) Math.min((long) maxTokens + 1, trained);
    ModelOptions options = ModelOptions.defaults().withThreads(threads).withBatchSize(batch)
        .withContextLength(window);
    LlamaModel m = LlamaModel.load(file, options);
    if (m.vocabSize() != tok.vocabSize()) {
      m.close();
      throw new IOException(file + ": the tokenizer has " + tok.vocabSize() + " tokens but the model "
          + m.vocabSize());
    }
    return new DocumentScorer(m, tok, maxTokens, window);
  }

  LlamaModel model() {
    return model;
  }

  Tokenizer tokenizer() {
    return tokenizer;
  }

  /** Positions per forward window (the KV length of each state). */
  int window() {
    return window;
  }

  /**
   * The ids this scorer feeds the model for {@code text}: BOS (when the vocabulary has one) then at most
   * {@code maxTokens} text tokens; without BOS, the first text token is context and up to {@code maxTokens} follow.
   */
  int[] sequence(String text) {
    int bos = tokenizer.bos();
    if (bos < 0) {
      return TokenPrefix.of(tokenizer, text, maxTokens + 1);
    }
    int[] ids = TokenPrefix.of(tokenizer, text, maxTokens);
    int[] seq = new int[ids.length + 1];
    seq[0] = bos;
    System.arraycopy(ids, 0, seq, 1, ids.length);
    return seq;
  }

  /** The log-likelihood of every token of {@link #sequence(String)} after the first. */
  LmScore score(String text) {
    return score(sequence(text));
  }

  /** The log-likelihood of {@code seq[1..]}, each token given the ones before it (windowed beyond the window). */
  LmScore score(int[] seq) {
    if (seq.length < 2) {
      return new LmScore(0, 0);
    }
    InferenceState s = idle.poll();
    if (s == null) {
      s = model.newState();
    }
    try {
      double sum = 0;
      int scoredUpTo = 1;
      int start = 0;
      while (scoredUpTo < seq.length) {
        int end = Math.min(start + window, seq.length);
        s.cache().truncate(0);
        sum += scoreWindow(s, seq, start, end, scoredUpTo);
        scoredUpTo = end;
        start = end - window / 2;
      }
      return new LmScore(sum, seq.length - 1);
    } finally {
      idle.push(s);
    }
  }

  /**
   * Runs {@code seq[start..end-1)} from an empty cache in blocks of the model's batch size and returns the summed
   * log-probabilities of {@code seq[first..end)}. One block's logits at a time, so memory stays
   * {@code batch × vocab} floats however long the window.
   */
  private double scoreWindow(InferenceState s, int[] seq, int start, int end, int first) {
    int vocab = model.vocabSize();
    int batch = model.options().batchSize();
    double sum = 0;
    for (int b = start; b < end - 1; b += batch) {
      int e = Math.min(b + batch, end - 1);
      int from = Math.max(b, first - 1);
      if (from > e) {
        from = e;
      }
      float[] logits = model.forward(s, seq, b, e, from);
      for (int p = from; p < e; p++) {
        int row = (p - from) * vocab;
        sum += logits[row + seq[p + 1]] - LogSumExp.of(logits, row, vocab);
      }
    }
    return sum;
  }

  @Override
  public void close() {
    idle.clear();
    model.close();
  }
}
