package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;
import dev.llamakit.engine.tensor.KvRows;

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
 * @param cacheTypeK how the KV cache stores keys: F32 (default), F16 (half the bytes) or Q8_0 (34 bytes per 32 values,
 *     heads of a multiple of 32), as llama.cpp's {@code --cache-type-k}
 * @param cacheTypeV how the KV cache stores values, as {@code cacheTypeK} ({@code --cache-type-v})
 */
public record ModelOptions(int threads, int contextLength, int batchSize, boolean exactActivations, boolean warmup,
    boolean mmap, GgmlType cacheTypeK, GgmlType cacheTypeV) {
  public ModelOptions {
    if (threads < 0 || contextLength < 0 || batchSize < 1) {
      throw new IllegalArgumentException("threads and contextLength must be >= 0 and batchSize >= 1");
    }
    if (!KvRows.supports(cacheTypeK) || !KvRows.supports(cacheTypeV)) {
      throw new IllegalArgumentException("KV cache types must be F32, F16 or Q8_0, got keys " + cacheTypeK
          + ", values " + cacheTypeV);
    }
  }

  /**
   * All cores, the model's context (capped at 4096), 32-token prefill blocks, fast activations, warm-up, weights
   * copied into memory, an F32 KV cache.
   */
  public static ModelOptions defaults() {
    return new ModelOptions(0, 0, 32, false, true, false, GgmlType.F32, GgmlType.F32);
  }

  public ModelOptions withThreads(int t) {
    return new ModelOptions(t, contextLength, batchSize, exactActivations, warmup, mmap, cacheTypeK, cacheTypeV);
  }

  public ModelOptions withContextLength(int c) {
    return new ModelOptions(threads, c, batchSize, exactActivations, warmup, mmap, cacheTypeK, cacheTypeV);
  }

  public ModelOptions withExactActivations(boolean e) {
    return new ModelOptions(threads, contextLength, batchSize, e, warmup, mmap, cacheTypeK, cacheTypeV);
  }

  public ModelOptions withWarmup(boolean w) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, w, mmap, cacheTypeK, cacheTypeV);
  }

  public ModelOptions withBatchSize(int b) {
    return new ModelOptions(threads, contextLength, b, exactActivations, warmup, mmap, cacheTypeK, cacheTypeV);
  }

  public ModelOptions withMmap(boolean m) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, warmup, m, cacheTypeK, cacheTypeV);
  }

  /** The KV cache's key and value types (F32, F16 or Q8_0). */
  public ModelOptions withCacheTypes(GgmlType keys, GgmlType values) {
    return new ModelOptions(threads, contextLength, batchSize, exactActivations, warmup, mmap, keys, values);
  }

  int effectiveThreads() {
    return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
  }
}
