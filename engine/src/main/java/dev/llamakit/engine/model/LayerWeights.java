package dev.llamakit.engine.model;

import dev.llamakit.engine.tensor.WeightMatrix;

/** The weights of one transformer block. */
public record LayerWeights(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, WeightMatrix wo,
    float[] ffnNorm, WeightMatrix wGate, WeightMatrix wUp, WeightMatrix wDown) {

  /** This layer with every weight matrix replaced by {@code f} of it (norms kept). */
  public LayerWeights mapMatrices(java.util.function.UnaryOperator<WeightMatrix> f) {
    return new LayerWeights(attnNorm, f.apply(wq), f.apply(wk), f.apply(wv), f.apply(wo), ffnNorm, f.apply(wGate),
        f.apply(wUp), f.apply(wDown));
  }

  /** The seven weight matrices, in file order. */
  public java.util.List<WeightMatrix> matrices() {
    return java.util.List.of(wq, wk, wv, wo, wGate, wUp, wDown);
  }
}
