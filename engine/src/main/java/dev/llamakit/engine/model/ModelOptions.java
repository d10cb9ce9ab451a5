package dev.llamakit.engine.model;

/**
 * How to load and run a model.
 *
 * @param threads worker threads (the caller included); 0 = {@code Runtime.availableProcessors()}
 * @param contextLength KV-cache length per state; 0 = the model's own context (capped at 4096)
 * @param batchSize tokens per prefill block
 * @param exactActivations use float32 activations in every matmul (reference mode; matches llama.cpp's dequantized
 *     references) instead of llama.cpp-style Q8_0/Q8_K activations for decode steps
 * @param warmup compile the kernels at load (and pre-fault the mapped weights when {@code mmap})
 * @param mmap read the weights (GGUF or llama2.c) in place from the memory-mapped file (llama.cpp's default) instead
 *     of copying them into process memory at load, in the layouts of {@code WeightMatrix.resident}. Copying costs a
 *     second or so per GB at load and the model's size (plus the layouts' extra bytes) in resident memory, and
 *     decodes about 2x faster on the 2-vCPU cloud machines this was measured on: file pages stream slower than
 *     fresh anonymous memory, and the resident layouts need no bit unpacking (README, engine performance)
 */
public record ModelOptions(int threads, int contextLength, int batchSize, boolean exactActivations, boolean warmup,
    boolean mmap) {
  public ModelOptions {
    if (threads < 0 || contextLength < 0 || batchSize < 1) {
      throw new IllegalArgumentException("threads and contextLength must be >= 0 and batchSize >= 1");
    }
  }

  /**
   * All cores, the model's context (capped at 4096), 32-token prefill blocks, fast activations, warm-up, weights
   * copied into memory.
   */
  public static ModelOptions defaults() {
    return new ModelOptions(0, 0, 32, false, true, false);
  }

  public ModelOptions withThreads(int t) {
    return new ModelOptions(t, contextLength, batchSize, exactActivations, warmup, mmap);
  }

  public ModelOptions withContextLength(int c) {
    return new ModelOptions(threads, c, batchSize, exactActivations, warmup, mmap);
  }

  public ModelOptions withExactActivations(boolean e) {
    return new ModelOptions(threads, contextLength, batchSize, e, warmup, mmap);
  }

  public ModelOptions withWarmup(boolean w) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, w, mmap);
  }

  public ModelOptions withBatchSize(int b) {
    return new ModelOptions(threads, contextLength, b, exactActivations, warmup, mmap);
  }

  public ModelOptions withMmap(boolean m) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, warmup, m);
  }

  int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
