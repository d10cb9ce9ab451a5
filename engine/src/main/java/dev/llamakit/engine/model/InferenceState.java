package dev.llamakit.engine.model;

import dev.llamakit.engine.gguf.GgmlType;

/**
 * Everything one sequence needs to run through a {@link LlamaModel}: its {@link KvCache} and preallocated activation
 * buffers for a block of {@code batchSize} tokens (no per-token allocation). Not thread-safe.
 */
public final class InferenceState {
  final KvCache cache;
  final int batch;
  final float[] x;
  final float[] xb;
  final float[] q;
  final float[] k;
  final float[] v;
  final float[] att;
  final float[] proj;
  final float[] hb;
  final float[] hb2;
  final float[][] scores;

  InferenceState(LlamaConfig c, int contextLength, int batch, int workers, GgmlType keyType, GgmlType valueType) {
    this.cache = new KvCache(c.layers(), contextLength, c.kvDim(), keyType, valueType);
    this.batch = batch;
    int qDim = c.heads() * c.headSize();
    x = new float[batch * c.dim()];
    xb = new float[batch * Math.max(c.dim(), qDim)];
    q = new float[batch * qDim];
    k = new float[batch * c.kvDim()];
    v = new float[batch * c.kvDim()];
    att = new float[batch * qDim];
    proj = new float[batch * c.dim()];
    hb = new float[batch * c.hiddenDim()];
    hb2 = new float[batch * c.hiddenDim()];
    scores = new float[workers][contextLength];
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
