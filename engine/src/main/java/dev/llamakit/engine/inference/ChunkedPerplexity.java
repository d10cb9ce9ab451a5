package dev.llamakit.engine.inference;

import dev.llamakit.engine.model.InferenceState;
import dev.llamakit.engine.model.LlamaModel;
import java.util.Arrays;

/**
 * Perplexity of a token sequence by llama.cpp's {@code llama-perplexity} method (examples/perplexity at c392e509): the
 * tokens (the whole text tokenized once, BOS first when the vocabulary adds one) are cut into {@code n = tokens / ctx}
 * chunks of {@code ctx} tokens (the remainder is dropped); each chunk is run from an empty cache with its first token
 * replaced by BOS (when the vocabulary adds one), and only its second half is scored: the log-probability at
 * positions {@code ctx/2 .. ctx-2} of the token that follows, {@code ctx - ctx/2 - 1} tokens per chunk. With
 * {@code nll} the mean of the negative log-probabilities and {@code nll2} the mean of their squares, PPL =
 * {@code exp(nll)} and its uncertainty is {@code PPL * sqrt((nll2 - nll^2) / (count - 1))}. At least {@code 2 * ctx}
 * tokens are required, as llama.cpp requires. Log-softmax here sums {@code exp} in double (llama.cpp: float terms
 * summed in double), a difference of about 1e-7 per token.
 */
public final class ChunkedPerplexity {
  private ChunkedPerplexity() {}

  /**
   * The estimate.
   *
   * @param perplexity {@code exp} of the mean negative log-likelihood
   * @param uncertainty llama.cpp's "+/-": the standard error of the mean NLL times the perplexity (NaN when the
   *     variance is not positive)
   * @param chunks chunks scored
   * @param scoredTokens tokens scored
   * @param meanNll mean negative log-likelihood (nats per token)
   */
  public record Result(double perplexity, double uncertainty, int chunks, int scoredTokens, double meanNll) {}

  /** Called after every chunk with its number (from 1) and the perplexity of all chunks so far. */
  @FunctionalInterface
  public interface ChunkListener {
    void chunkDone(int chunk, double runningPerplexity);
  }

  /**
   * Scores {@code tokens} in chunks of {@code ctx} tokens, at most {@code maxChunks} of them ({@code <= 0}: all),
   * running {@code batch} tokens per forward pass; {@code bos} replaces each chunk's first token, or -1 for none.
   */
  public static Result compute(LlamaModel model, int[] tokens, int ctx, int batch, int maxChunks, int bos,
      ChunkListener listener) {
    if (ctx < 4 || ctx > model.contextLength()) {
      throw new IllegalArgumentException("chunk size " + ctx + " must be in [4, " + model.contextLength()
          + "] (the model's context)");
    }
    if (batch < 1) {
      throw new IllegalArgumentException("batch " + batch + " must be >= 1");
    }
    if (tokens.length < 2 * ctx) {
      throw new IllegalArgumentException("you need at least " + 2 * ctx + " tokens to evaluate perplexity with a"
          + " context of " + ctx + "; the text tokenizes to only " + tokens.length + " tokens");
    }
    int chunks = tokens.length / ctx;
    if (maxChunks > 0) {
      chunks = Math.min(chunks, maxChunks);
    }
    int vocab = model.vocabSize(), first = ctx / 2;
    InferenceState s = model.newState();
    double nll = 0, nll2 = 0;
    int count = 0;
    for (int c = 0; c < chunks; c++) {
      int[] chunk = Arrays.copyOfRange(tokens, c * ctx, (c + 1) * ctx);
      if (bos >= 0) {
        chunk[0] = bos;
      }
      s.cache().truncate(0);
      for (int b = 0; b < ctx; b += batch) {
        int e = Math.min(ctx, b + batch), from = Math.min(e, Math.max(b, first));
        float[] logits = model.forward(s, chunk, b, e, from);
        for (int p = from; p < e && p < ctx - 1; p++) {
          int row = (p - from) * vocab;
          double lp = logits[row + chunk[p + 1]] - LogProbs.logSumExp(logits, row, vocab);
          nll -= lp;
          nll2 += lp * lp;
          count++;
        }
      }
      if (listener != null) {
        listener.chunkDone(c + 1, Math.exp(nll / count));
      }
    }
    double mean = nll / count, variance = nll2 / count - mean * mean;
    double ppl = Math.exp(mean);
    double uncertainty = variance > 0 ? Math.sqrt(variance / (count - 1)) * ppl : Double.NaN;
    return new Result(ppl, uncertainty, chunks, count, mean);
  }
}
