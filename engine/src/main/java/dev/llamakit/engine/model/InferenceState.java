package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;

/**
 * Everything one sequence needs to run through a {@link LlamaModel}: its {@link KvCache} and preallocated activation
 * buffers for a block of {@code batchSize} tokens (no per-token allocation). Not thread-safe.
 */
public final class InferenceState extends BatchBuffers {
  final KvCache cache;

  InferenceState(LlamaConfig c, int contextLength, int batch, int workers, GgmlType keyType, GgmlType valueType) {
    super(c, batch, workers, contextLength);
    this.cache = new KvCache(c.layers(), contextLength, c.kvDim(), keyType, valueType);
  }

  /** The key/value cache (its length is the number of positions processed so far). */
  public KvCache cache() {
    return cache;
  }

  /** Number of positions processed so far. */
  public int position() {
    return cache.length();
  }
}
