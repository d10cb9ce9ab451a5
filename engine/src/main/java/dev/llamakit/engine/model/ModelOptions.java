package dev.llamakit.engine.model;

/**
 * How to load and run a model.
 *
 * @param threads worker threads (the caller included); 0 = {@code Runtime.availableProcessors()}
 * @param contextLength KV-cache length per state; 0 = the model's own context (capped at 4096)
 * @param batchSize tokens per prefill block
 * @param exactActivations use float32 activations in every matmul (reference mode; matches llama.cpp's dequantized
 *     references) instead of llama.cpp-style Q8_0/Q8_K activations for decode steps
 * @param warmup pre-fault the mapped weights and compile the kernels at load
 */
public record ModelOptions(int threads, int contextLength, int batchSize, boolean exactActivations, boolean warmup) {
  public ModelOptions {
    if (threads < 0 || contextLength < 0 || batchSize < 1) {
      throw new IllegalArgumentException("threads and contextLength must be >= 0 and batchSize >= 1");
    }
  }

  /** All cores, the model's context (capped at 4096), 32-token prefill blocks, fast activations, warm-up. */
  public static ModelOptions defaults() {
    return new ModelOptions(0, 0, 32, false, true);
  }

  public ModelOptions withThreads(int t) {
    return new ModelOptions(t, contextLength, batchSize, exactActivations, warmup);
  }

  public ModelOptions withContextLength(int c) {
    return new ModelOptions(threads, c, batchSize, exactActivations, warmup);
  }

  public ModelOptions withExactActivations(boolean e) {
    return new ModelOptions(threads, contextLength, batchSize, e, warmup);
  }

  public ModelOptions withWarmup(boolean w) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, w);
  }

  public ModelOptions withBatchSize(int b) {
    return new ModelOptions(threads, contextLength, b, exactActivations, warmup);
  }

  int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
