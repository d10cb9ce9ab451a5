package dev.llamakit.engine.model;

/**
 * Activation buffers for {@code size} tokens laid out token after token: a sequence's prefill block (as
 * {@link InferenceState}, which extends this) or one decode batch of {@link LlamaModel#decode} (one token per
 * sequence, grown when a larger batch comes).
 */
class BatchBuffers {
  final int size;
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

  BatchBuffers(LlamaConfig c, int size, int workers, int contextLength) {
    this.size = size;
    int qDim = c.heads() * c.headSize();
    x = new float[size * c.dim()];
    xb = new float[size * Math.max(c.dim(), qDim)];
    q = new float[size * qDim];
    k = new float[size * c.kvDim()];
    v = new float[size * c.kvDim()];
    att = new float[size * qDim];
    proj = new float[size * c.dim()];
    hb = new float[size * c.hiddenDim()];
    hb2 = new float[size * c.hiddenDim()];
    scores = new float[workers][contextLength];
  }
}
