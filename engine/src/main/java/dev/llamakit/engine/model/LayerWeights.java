package dev.llamakit.engine.model;

import dev.llamakit.engine.tensor.WeightMatrix;

/** The weights of one transformer block. */
public record LayerWeights(float[] attnNorm, WeightMatrix wq, WeightMatrix wk, WeightMatrix wv, WeightMatrix wo,
    float[] ffnNorm, WeightMatrix wGate, WeightMatrix wUp, WeightMatrix wDown) {}
